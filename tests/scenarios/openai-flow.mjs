// The documented OpenAI flow as a script of user actions on the practice
// site, shared by the end-to-end tests and the demo. Each entry names the
// guide step the extension should show on arrival and what a person does
// there to move on. OPENAI_FLOW is the 2025 layout's; OPENAI_FLOW_2026 the
// 2026 layout's sign-up flow (tests/practice-site/README.md).

export const START_URL = 'https://auth.openai.com/log-in';
export const START_URL_2026 = 'https://auth.openai.com/log-in-or-create-account?layout=2026';

export const OPENAI_FLOW = [
  {
    number: 1,
    id: 'sign-in',
    target: (page) => page.getByRole('textbox', { name: 'Email address' }),
    async act(page) {
      await page.getByRole('textbox', { name: 'Email address' }).fill('admin@example.com');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByLabel('Password').fill('practice-password');
      await page.getByRole('button', { name: 'Continue' }).click();
    },
  },
  {
    number: 2,
    id: 'start-building',
    target: (page) => page.getByRole('button', { name: 'Start building' }),
    act: (page) => page.getByRole('button', { name: 'Start building' }).click(),
  },
  {
    number: 3,
    id: 'invite-team',
    target: (page) => page.getByRole('button', { name: /invite my team later/ }),
    act: (page) => page.getByRole('button', { name: /invite my team later/ }).click(),
  },
  {
    number: 4,
    id: 'name-key-and-project',
    target: (page) => page.getByRole('textbox', { name: 'API key name' }),
    async act(page) {
      await page.getByRole('textbox', { name: 'API key name' }).fill('Innoslate test');
      await page.getByRole('button', { name: 'Generate API Key' }).click();
    },
  },
  {
    number: 5,
    id: 'test-key-shown',
    target: (page) => page.getByRole('button', { name: 'Continue' }),
    act: (page) => page.getByRole('button', { name: 'Continue' }).click(),
  },
  {
    number: 6,
    id: 'create-organization',
    target: (page) => page.getByRole('textbox', { name: 'Organization name' }),
    async act(page) {
      await page.getByRole('textbox', { name: 'Organization name' }).fill('Acme Systems Engineering');
      await page.getByRole('radio').first().check();
      await page.getByRole('button', { name: 'Create organization' }).click();
    },
  },
  {
    number: 7,
    id: 'open-api-keys',
    target: (page) => page.getByRole('navigation').getByRole('link', { name: 'API keys' }).last(),
    act: (page) => page.getByRole('navigation').getByRole('link', { name: 'API keys' }).last().click(),
  },
  {
    number: 8,
    id: 'create-secret-key',
    target: (page) => page.getByRole('button', { name: 'Create new secret key' }),
    act: (page) => page.getByRole('button', { name: 'Create new secret key' }).click(),
  },
  {
    number: 9,
    id: 'configure-key',
    target: (page) => page.getByRole('dialog').getByPlaceholder('My Test Key'),
    async act(page) {
      const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
      await dialog.getByPlaceholder('My Test Key').fill('Innoslate');
      await dialog.getByRole('radio', { name: 'Restricted' }).check();
    },
  },
  {
    number: 10,
    id: 'restrict-permissions',
    // The first permission still to set: Models → Read.
    target: (page) => page.getByRole('dialog').getByRole('group', { name: 'Models', exact: true }).getByRole('radio', { name: 'Read' }),
    async act(page) {
      const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
      await dialog.getByRole('group', { name: 'Models', exact: true }).getByRole('radio', { name: 'Read' }).check();
      await dialog.getByRole('group', { name: 'Model capabilities', exact: true }).getByRole('radio', { name: 'Write' }).check();
      await dialog.getByRole('button', { name: 'Create secret key' }).click();
    },
  },
  {
    number: 11,
    id: 'save-your-key',
    target: (page) => page.getByRole('dialog', { name: 'Save your key' }).getByRole('textbox'),
    act: null,
  },
];

const byNumber = (n) => OPENAI_FLOW.find((step) => step.number === n);

/**
 * The 2026 sign-up flow: the organization step comes first, there is no
 * "Start building", the way to the keys is the sidebar's "API Keys", and
 * Model capabilities is set with the group's own Request.
 */
export const OPENAI_FLOW_2026 = [
  byNumber(1),
  byNumber(6),
  byNumber(3),
  byNumber(4),
  byNumber(5),
  {
    number: 7,
    id: 'open-api-keys',
    target: (page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API Keys' }),
    act: (page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API Keys' }).click(),
  },
  byNumber(8),
  byNumber(9),
  {
    number: 10,
    id: 'restrict-permissions',
    target: (page) => page.getByRole('dialog').getByRole('group', { name: 'Models', exact: true }).getByRole('radio', { name: 'Read' }),
    async act(page) {
      const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
      await dialog.getByRole('group', { name: 'Models', exact: true }).getByRole('radio', { name: 'Read' }).check();
      await dialog.getByRole('group', { name: 'Model capabilities', exact: true }).getByRole('radio', { name: 'Request' }).check();
      await dialog.getByRole('button', { name: 'Create secret key' }).click();
    },
  },
  byNumber(11),
];
