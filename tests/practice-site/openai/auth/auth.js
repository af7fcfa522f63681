// Practice log-in flow: email → password → back to the platform with a code.
// Nothing is checked or sent anywhere; the password never leaves the page.
// 2026 pages: /log-in-or-create-account (one email step for both; `?account=existing`
// signs in instead of signing up, `?mfa=1` adds /mfa-challenge after the
// password), /choose-an-account, /mfa-challenge and /mfa-challenge/email-otp.
const EMAIL_KEY = 'practice-login-email';
const MFA_KEY = 'practice-login-mfa';
const CALLBACK = 'https://platform.openai.com/auth/callback?code=practice';
const params = new URLSearchParams(window.location.search);

/** Back to the platform; a new account says so, so the 2026 platform opens its first set-up step. */
function finish({ signup }) {
  window.location.assign(signup ? `${CALLBACK}&signup=1` : CALLBACK);
}

const emailForm = document.getElementById('email-form');
if (emailForm) {
  if (params.get('mfa') === '1') sessionStorage.setItem(MFA_KEY, '1');
  emailForm.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(EMAIL_KEY, emailForm.elements.email.value.trim());
    const existing = params.get('account') === 'existing' && emailForm.dataset.existing;
    window.location.assign(existing || emailForm.dataset.next);
  });
}

const passwordForm = document.getElementById('password-form');
if (passwordForm) {
  const signup = params.has('new');
  passwordForm.elements.email.value = sessionStorage.getItem(EMAIL_KEY) || '';
  if (signup) {
    document.getElementById('password-title').textContent = 'Create a password';
    passwordForm.elements.password.autocomplete = 'new-password';
  }
  passwordForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (sessionStorage.getItem(MFA_KEY) === '1' && !signup) window.location.assign('/mfa-challenge');
    else finish({ signup });
  });
}

const mfaForm = document.getElementById('mfa-form');
if (mfaForm) {
  mfaForm.addEventListener('submit', (event) => {
    event.preventDefault();
    window.location.assign(mfaForm.dataset.next);
  });
}

const otpForm = document.getElementById('otp-form');
if (otpForm) {
  otpForm.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.removeItem(MFA_KEY);
    finish({ signup: false });
  });
}

const accounts = document.getElementById('accounts');
if (accounts) {
  const email = sessionStorage.getItem(EMAIL_KEY) || 'admin@example.com';
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'account';
  button.textContent = email;
  button.addEventListener('click', () => finish({ signup: false }));
  item.append(button);
  accounts.append(item);
}
