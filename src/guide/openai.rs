//! The guide for creating an OpenAI API key for Innoslate.
//!
//! Eleven screens, numbered as in Innoslate's help article so an admin who
//! has read it recognises them. All wording here is ours. Control names are
//! the ones the OpenAI platform shows; each target lists role + accessible
//! name first and weaker handles after it.

use super::policies::{self, Expiration};
use super::{
    is_chosen, role_fits, Advice, By, DialogKind, Guide, Locator, Need, PathRule, Screen, Signal, Step, Text, Wording,
    CHOICE,
};
use crate::page_report::{ElementFact, PageReport};

const PLATFORM: &[&str] = &["platform.openai.com"];
const AUTH: &[&str] = &["auth.openai.com"];
/// The create-key dialog: by its title (as worded now, and as it has been
/// worded), or by holding the permission choices and the submit button.
const CREATE_DIALOG: &DialogKind = &DialogKind {
    titles: &[Text::Has("Create new secret key"), Text::Is("Create secret key")],
    content: &[
        Signal::Control { role: CHOICE, name: Text::Is("Restricted") },
        Signal::Group(Text::Is("Permissions")),
        Signal::Control { role: "button", name: CREATE_SUBMIT },
    ],
    // An existing key's dialogs: the create dialog's own title never
    // starts so.
    not_titles: &[Text::StartsWith("Edit"), Text::StartsWith("Revoke"), Text::StartsWith("Delete")],
};
/// The dialog that shows the new key once: by its title, or by holding a
/// read-only field with a value and a Copy button.
const SAVE_DIALOG: &DialogKind = &DialogKind {
    titles: &[
        Text::Has("Save your key"),
        Text::Has("Save your API key"),
        Text::Has("Save your secret key"),
        Text::Has("key created"),
    ],
    content: &[Signal::ReadOnlyValue, Signal::Control { role: "button", name: Text::Is("Copy") }],
    not_titles: &[],
};
/// The keys page's button; the dialog's submit button reads "Create secret
/// key", which is why that wording only counts on the keys page (a dialog
/// step's control is only ever looked for inside its dialog, and the keys
/// page's outside dialogs).
const CREATE_BUTTON: Text = Text::OneOf(&["Create new secret key", "Create secret key", "New secret key"]);
const CREATE_SUBMIT: Text = Text::OneOf(&["Create secret key", "Create key"]);
const API_KEYS: Text = Text::OneOf(&["API keys", "API key"]);
const KEYS_PATH: PathRule = PathRule::Suffix("/api-keys");
/// The project's keys link where the settings menu has a Project section.
const PROJECT_KEYS_LINK: Locator = Locator::role_name("link", API_KEYS).in_section(Text::Has("Project"));
const PROJECT_KEYS_TAB: Locator = Locator::role_name("tab", API_KEYS).in_section(Text::Has("Project"));
/// The keys link of a sidebar with no Project section (2026): keys made
/// there belong to the project chosen in the sidebar.
const NAV_KEYS_LINK: Locator = Locator::role_name("link", API_KEYS).in_nav();
const RESTRICTED: Locator = Locator::role_name(CHOICE, Text::Is("Restricted")).in_dialog();

/// Innoslate's Chat AI and Image AI need a key that may list models...
static LIST_MODELS: Need = Need {
    may: "core_need_list_may",
    without: "core_need_list_without",
    granting: "core_need_list_granting",
    rows: &[Text::Is("Models")],
    levels: &[Text::Is("Read")],
    parts: &[],
    scope: "api.model.read",
};
/// ...and may call them: "Request" on today's pages, "Write" on older ones.
/// Per-endpoint rows of the group do not grant it on their own.
static CALL_MODELS: Need = Need {
    may: "core_need_call_may",
    without: "core_need_call_without",
    granting: "core_need_call_granting",
    rows: &[Text::Is("Model capabilities")],
    levels: &[Text::Is("Request"), Text::Is("Write")],
    parts: &[Text::OneOf(&["Chat completions", "Completions", "Embeddings"])],
    scope: "model.request",
};

/// The OpenAI guide: from sign-in to the key shown once on "Save your key".
pub static GUIDE: Guide = Guide { id: "openai-api-key", steps: STEPS };

static STEPS: &[Step] = &[
    Step {
        id: "sign-in",
        number: 1,
        title: "core_sign_in_title",
        instruction: "core_sign_in_do",
        why: "core_sign_in_why",
        screen: Screen {
            hosts: AUTH,
            paths: &[
                PathRule::Prefix("/log-in"),
                PathRule::Prefix("/create-account"),
                PathRule::Prefix("/email-verification"),
                PathRule::Prefix("/choose-an-account"),
                PathRule::Prefix("/mfa-challenge"),
            ],
            not_paths: &[],
            all_of: &[],
            any_of: &[],
            none_of: &[],
        },
        look_for: "core_sign_in_look",
        wordings: &[
            Wording {
                when: Screen { paths: &[PathRule::Prefix("/choose-an-account")], ..Screen::on(&[]) },
                title: None,
                instruction: "core_sign_in_alt1_do",
                look_for: "core_sign_in_alt1_look",
                // Each account is a control named after it: none to guess.
                target: Some(&[]),
            },
            Wording {
                when: Screen { paths: &[PathRule::Prefix("/mfa-challenge")], ..Screen::on(&[]) },
                title: None,
                instruction: "core_sign_in_alt2_do",
                look_for: "core_sign_in_alt2_look",
                target: None,
            },
        ],
        needs: &[],
        target: &[
            Locator::role_name("textbox", Text::Has("email")).when_empty(),
            Locator::role_name("textbox", Text::Has("password")).when_empty(),
            Locator::role_name("textbox", Text::Has("code")).when_empty(),
            Locator::role_name("button", Text::Is("Continue")),
            Locator::role_name("button", Text::Is("Log in")),
        ],
        keep_clear: &[
            // The instruction offers Sign up to admins without an account.
            Locator::role_name("link", Text::Is("Sign up")),
            Locator::role_name("button", Text::Is("Sign up")),
            Locator::role_name("button", Text::Is("Continue")),
        ],
        advise: None,
        done_when: &[Screen::on(PLATFORM)],
    },
    Step {
        id: "start-building",
        number: 2,
        title: "core_start_building_title",
        instruction: "core_start_building_do",
        why: "core_start_building_why",
        screen: Screen {
            hosts: PLATFORM,
            paths: &[],
            not_paths: &[],
            all_of: &[Signal::Control { role: "button", name: Text::Is("Start building") }],
            any_of: &[],
            none_of: &[],
        },
        look_for: "core_start_building_look",
        wordings: &[],
        needs: &[],
        target: &[Locator::role_name("button", Text::Is("Start building"))],
        keep_clear: &[],
        advise: None,
        done_when: &[Screen {
            any_of: &[
                Signal::Control { role: "button", name: Text::Has("invite my team later") },
                Signal::Control { role: "button", name: Text::Is("Generate API Key") },
                Signal::Control { role: "button", name: Text::Is("Create organization") },
            ],
            ..Screen::on(PLATFORM)
        }],
    },
    Step {
        id: "invite-team",
        number: 3,
        title: "core_invite_team_title",
        instruction: "core_invite_team_do",
        why: "core_invite_team_why",
        screen: Screen {
            hosts: PLATFORM,
            paths: &[],
            not_paths: &[],
            all_of: &[Signal::Control { role: "button", name: Text::Has("invite my team later") }],
            any_of: &[],
            none_of: &[],
        },
        look_for: "core_invite_team_look",
        wordings: &[],
        needs: &[],
        target: &[Locator::role_name("button", Text::Has("invite my team later"))],
        keep_clear: &[],
        advise: None,
        done_when: &[Screen {
            any_of: &[
                Signal::Control { role: "button", name: Text::Is("Generate API Key") },
                Signal::Control { role: "button", name: Text::Is("Create organization") },
            ],
            ..Screen::on(PLATFORM)
        }],
    },
    Step {
        id: "name-key-and-project",
        number: 4,
        title: "core_name_key_and_project_title",
        instruction: "core_name_key_and_project_do",
        why: "core_name_key_and_project_why",
        screen: Screen {
            hosts: PLATFORM,
            paths: &[],
            not_paths: &[],
            all_of: &[Signal::Control { role: "button", name: Text::Is("Generate API Key") }],
            any_of: &[],
            none_of: &[],
        },
        look_for: "core_name_key_and_project_look",
        wordings: &[],
        needs: &[],
        target: &[
            Locator::role_name("textbox", Text::Has("key name")).when_empty(),
            Locator::role_name("textbox", Text::Has("project name")).when_empty(),
            Locator::role_name("button", Text::Is("Generate API Key")),
        ],
        keep_clear: &[
            Locator::role_name("textbox", Text::Has("key name")),
            Locator::role_name("textbox", Text::Has("project name")),
            Locator::role_name("button", Text::Is("Generate API Key")),
        ],
        advise: None,
        done_when: &[Screen {
            all_of: &[Signal::Control { role: "button", name: Text::Is("Copy") }],
            none_of: &[Signal::Dialog(SAVE_DIALOG)],
            ..Screen::on(PLATFORM)
        }],
    },
    Step {
        id: "test-key-shown",
        number: 5,
        title: "core_test_key_shown_title",
        instruction: "core_test_key_shown_do",
        why: "core_test_key_shown_why",
        screen: Screen {
            hosts: PLATFORM,
            paths: &[],
            not_paths: &[],
            all_of: &[Signal::Control { role: "button", name: Text::Is("Copy") }],
            any_of: &[
                Signal::Heading(Text::Has("first API call")),
                Signal::Control { role: "button", name: Text::Is("Continue") },
            ],
            none_of: &[Signal::Dialog(SAVE_DIALOG)],
        },
        look_for: "core_test_key_shown_look",
        wordings: &[],
        needs: &[],
        target: &[Locator::role_name("button", Text::Is("Continue")), Locator::role_name("button", Text::Is("Copy"))],
        keep_clear: &[],
        advise: None,
        done_when: &[Screen {
            all_of: &[Signal::Control { role: "button", name: Text::Is("Create organization") }],
            ..Screen::on(PLATFORM)
        }],
    },
    Step {
        id: "create-organization",
        number: 6,
        title: "core_create_organization_title",
        instruction: "core_create_organization_do",
        why: "core_create_organization_why",
        screen: Screen {
            hosts: PLATFORM,
            paths: &[],
            not_paths: &[],
            all_of: &[Signal::Control { role: "button", name: Text::Is("Create organization") }],
            any_of: &[],
            none_of: &[],
        },
        look_for: "core_create_organization_look",
        wordings: &[],
        needs: &[],
        target: &[
            Locator::role_name("textbox", Text::Has("organization name")).when_empty(),
            Locator::role_name("button", Text::Is("Create organization")),
        ],
        keep_clear: &[
            Locator::role_name("textbox", Text::Has("organization name")),
            // The descriptions to pick from.
            Locator::any("radio"),
            Locator::role_name("button", Text::Is("Create organization")),
        ],
        advise: None,
        done_when: &[Screen {
            paths: &[PathRule::Prefix("/settings"), PathRule::Exact("/home"), KEYS_PATH],
            ..Screen::on(PLATFORM)
        }],
    },
    Step {
        id: "open-api-keys",
        number: 7,
        // The project's keys are named only where the page shows a Project
        // section (see `wordings`): the 2026 sidebar has none.
        title: "core_open_api_keys_title",
        instruction: "core_open_api_keys_do",
        why: "core_open_api_keys_why",
        screen: Screen {
            hosts: PLATFORM,
            paths: &[],
            not_paths: &[KEYS_PATH],
            all_of: &[],
            any_of: &[
                Signal::Control { role: "link", name: API_KEYS },
                Signal::Control { role: "tab", name: API_KEYS },
            ],
            none_of: &[Signal::Dialog(CREATE_DIALOG), Signal::Dialog(SAVE_DIALOG)],
        },
        // When neither a Project section nor a single navigation link tells
        // the project's keys apart, the words name neither.
        look_for: "core_open_api_keys_look",
        wordings: &[
            Wording {
                when: Screen {
                    any_of: &[Signal::Finds(PROJECT_KEYS_LINK), Signal::Finds(PROJECT_KEYS_TAB)],
                    ..Screen::on(&[])
                },
                title: Some("core_open_api_keys_alt1_title"),
                instruction: "core_open_api_keys_alt1_do",
                look_for: "core_open_api_keys_alt1_look",
                target: None,
            },
            Wording {
                when: Screen { all_of: &[Signal::FindsOne(NAV_KEYS_LINK)], ..Screen::on(&[]) },
                title: None,
                instruction: "core_open_api_keys_alt2_do",
                look_for: "core_open_api_keys_alt2_look",
                target: None,
            },
        ],
        needs: &[],
        target: &[
            // The Organization section has an "API keys" link too: without
            // the Project caption, a navigation link counts only when it is
            // the only one, and any other only when it is the only link of
            // its name (see `Step::find_target`).
            PROJECT_KEYS_LINK,
            PROJECT_KEYS_TAB,
            NAV_KEYS_LINK,
            Locator::role_name("link", API_KEYS),
            Locator::role_name("tab", API_KEYS),
        ],
        keep_clear: &[],
        advise: None,
        done_when: &[Screen { paths: &[KEYS_PATH], ..Screen::on(PLATFORM) }],
    },
    Step {
        id: "create-secret-key",
        number: 8,
        title: "core_create_secret_key_title",
        instruction: "core_create_secret_key_do",
        why: "core_create_secret_key_why",
        screen: Screen {
            hosts: PLATFORM,
            paths: &[KEYS_PATH],
            not_paths: &[],
            all_of: &[],
            any_of: &[],
            none_of: &[Signal::Dialog(CREATE_DIALOG), Signal::Dialog(SAVE_DIALOG)],
        },
        look_for: "core_create_secret_key_look",
        wordings: &[],
        needs: &[],
        target: &[Locator::role_name("button", CREATE_BUTTON)],
        keep_clear: &[],
        advise: None,
        done_when: &[Screen {
            any_of: &[Signal::Dialog(CREATE_DIALOG), Signal::Dialog(SAVE_DIALOG)],
            ..Screen::on(PLATFORM)
        }],
    },
    Step {
        id: "configure-key",
        number: 9,
        title: "core_configure_key_title",
        instruction: "core_configure_key_do",
        why: "core_configure_key_why",
        screen: Screen {
            hosts: PLATFORM,
            paths: &[],
            not_paths: &[],
            all_of: &[Signal::Dialog(CREATE_DIALOG)],
            any_of: &[],
            none_of: &[Signal::Dialog(SAVE_DIALOG)],
        },
        look_for: "core_configure_key_look",
        wordings: &[
            Wording {
                when: Screen { all_of: &[Signal::Holds(only_service_accounts)], ..Screen::on(&[]) },
                title: None,
                instruction: "core_configure_key_alt1_do",
                look_for: "core_configure_key_alt1_look",
                target: None,
            },
            // Permission levels under other names: the name field while it
            // is empty, then no pointer (never the submit button).
            Wording {
                when: Screen { all_of: &[Signal::Holds(permissions_without_restricted)], ..Screen::on(&[]) },
                title: None,
                instruction: "core_configure_key_alt2_do",
                look_for: "core_configure_key_alt2_look",
                target: Some(&NAME_WHILE_EMPTY),
            },
        ],
        needs: &[],
        target: &[
            NAME_WHILE_EMPTY[0],
            NAME_WHILE_EMPTY[1],
            RESTRICTED,
            // Permissions as a drop-down that offers Restricted.
            Locator::role_name("combobox", Text::Is("Permissions")).in_dialog(),
            Locator::EXPIRATION,
            Locator::role_name("button", CREATE_SUBMIT).in_dialog(),
        ],
        keep_clear: &[
            Locator::role_name(CHOICE, Text::Is("You")).in_dialog(),
            Locator { by: By::Placeholder(Text::Is("My Test Key")), ..Locator::any("textbox").in_dialog() },
            Locator::role_name("combobox", Text::Is("Project")).in_dialog(),
            RESTRICTED,
            Locator::EXPIRATION,
        ],
        advise: Some(advise_on_key_settings),
        done_when: &[
            Screen {
                all_of: &[Signal::Dialog(CREATE_DIALOG), Signal::Chosen { role: CHOICE, name: Text::Is("Restricted") }],
                ..Screen::on(PLATFORM)
            },
            Screen { all_of: &[Signal::Dialog(SAVE_DIALOG)], ..Screen::on(PLATFORM) },
        ],
    },
    Step {
        id: "restrict-permissions",
        number: 10,
        title: "core_restrict_permissions_title",
        instruction: "core_restrict_permissions_do",
        why: "core_restrict_permissions_why",
        screen: Screen {
            hosts: PLATFORM,
            paths: &[],
            not_paths: &[],
            all_of: &[Signal::Dialog(CREATE_DIALOG), Signal::Chosen { role: CHOICE, name: Text::Is("Restricted") }],
            any_of: &[],
            none_of: &[Signal::Dialog(SAVE_DIALOG)],
        },
        look_for: "core_restrict_permissions_look",
        wordings: &[],
        // The rows and levels to choose come from the page (see `Need`).
        needs: &[&LIST_MODELS, &CALL_MODELS],
        target: &[Locator::EXPIRATION, Locator::role_name("button", CREATE_SUBMIT).in_dialog()],
        // The needs' rows and levels are kept clear too (see `Need::keeps_clear`).
        keep_clear: &[Locator::EXPIRATION, Locator::role_name("button", CREATE_SUBMIT).in_dialog()],
        advise: Some(advise_on_key_settings),
        done_when: &[Screen { all_of: &[Signal::Dialog(SAVE_DIALOG)], ..Screen::on(PLATFORM) }],
    },
    Step {
        id: "save-your-key",
        number: 11,
        title: "core_save_your_key_title",
        instruction: "core_save_your_key_do",
        why: "core_save_your_key_why",
        screen: Screen {
            hosts: PLATFORM,
            paths: &[],
            not_paths: &[],
            all_of: &[Signal::Dialog(SAVE_DIALOG)],
            any_of: &[],
            none_of: &[],
        },
        look_for: "core_save_your_key_look",
        // The key shown as plain text: there is nothing to send it from.
        wordings: &[Wording {
            when: Screen { none_of: &[Signal::ReadOnlyValue], ..Screen::on(&[]) },
            title: None,
            instruction: "core_save_your_key_alt1_do",
            look_for: "core_save_your_key_look",
            target: None,
        }],
        needs: &[],
        // Only the field that shows the key: Send key reads its value, so
        // neither Copy nor a field the admin may edit (a name) stands in.
        // The key shown as plain text is no field: the fallback says so.
        target: &[Locator { by: By::ReadOnly, ..Locator::any("textbox").in_dialog() }],
        // What OpenAI's own dialog asks for next.
        keep_clear: &[
            Locator::role_name("button", Text::Is("Copy")).in_dialog(),
            Locator::role_name("button", Text::Is("Done")).in_dialog(),
        ],
        advise: None,
        done_when: &[],
    },
];

/// The create dialog's name field, while it is empty.
const NAME_WHILE_EMPTY: [Locator; 2] = [
    Locator { by: By::Placeholder(Text::Is("My Test Key")), ..Locator::any("textbox").in_dialog().when_empty() },
    Locator::role_name("textbox", Text::StartsWith("Name")).in_dialog().when_empty(),
];

/// Whether the create-key dialog offers a choice of permissions, none of
/// them Restricted (levels under other names: "Full access", "Custom").
fn permissions_without_restricted(page: &PageReport) -> bool {
    let Some(dialog) = CREATE_DIALOG.find(page) else { return false };
    let (permissions, restricted) = (Text::Is("Permissions"), Text::Is("Restricted"));
    let mut offered = false;
    for e in page.elements.iter().filter(|e| e.dialog == Some(dialog) && e.is_visible()) {
        let choice = role_fits(CHOICE, e) && permissions.fit(&e.section).is_some();
        let drop_down = permissions.matches(&e.name) && (!e.value_text.is_empty() || !e.options.is_empty());
        if (choice && restricted.matches(&e.name))
            || (drop_down && e.options.iter().chain([&e.value_text]).any(|o| restricted.matches(o)))
        {
            return false;
        }
        offered |= choice || drop_down;
    }
    offered
}

/// Whether the create-key dialog allows only service-account keys.
fn only_service_accounts(page: &PageReport) -> bool {
    CREATE_DIALOG.find(page).is_some_and(|d| policies::only_service_accounts(page, &|e| e.dialog == Some(d)))
}

const SERVICE_ONLY: &str = "core_service_only";
const EXPIRY_MISSING: &str = "core_expiry_missing";

/// Checks the create-key dialog's choices against what Innoslate needs
/// (the restricted permissions themselves are the step's needs).
fn advise_on_key_settings(page: &PageReport) -> Vec<Advice> {
    let Some(dialog) = CREATE_DIALOG.find(page) else { return Vec::new() };
    let in_dialog = |e: &ElementFact| e.dialog == Some(dialog) && e.is_visible();
    let choices = || page.elements.iter().filter(|e| in_dialog(e) && role_fits(CHOICE, e));
    let chosen = |name: &'static str| choices().any(|e| Text::Is(name).matches(&e.name) && is_chosen(e));
    let mut advice = Vec::new();
    if policies::only_service_accounts(page, &in_dialog) {
        advice.push(Advice::ours(SERVICE_ONLY));
    } else if chosen("Service account") && choices().any(|e| Text::Is("You").matches(&e.name) && !e.disabled) {
        advice.push(Advice::ours("core_service_account"));
    }
    if chosen("All") {
        advice.push(Advice::ours("core_all_permissions"));
    }
    if chosen("Read only") {
        advice.push(Advice::ours("core_read_only"));
    }
    let submit_disabled = page
        .elements
        .iter()
        .any(|e| in_dialog(e) && e.role == "button" && e.disabled && CREATE_SUBMIT.fit(&e.name).is_some());
    match policies::expiration(page, &in_dialog) {
        Expiration::Unchosen(_) => advice.push(Advice::ours(EXPIRY_MISSING)),
        Expiration::Unknown(_) if submit_disabled => advice.push(Advice::ours(EXPIRY_MISSING)),
        _ => {}
    }
    advice
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message_words::said;

    #[test]
    fn numbers_cover_the_documented_flow_once_each() {
        let mut numbers: Vec<u8> = GUIDE.steps.iter().map(|s| s.number).collect();
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=11).collect::<Vec<u8>>());
        assert_eq!(GUIDE.total(), 11);
    }

    #[test]
    fn every_step_has_words_and_a_target() {
        for step in GUIDE.steps {
            assert!(
                !said(step.title).is_empty() && said(step.instruction).ends_with('.') && said(step.why).ends_with('.'),
                "{}",
                step.id
            );
            assert!(!step.target.is_empty(), "{}", step.id);
            assert!(said(step.title).len() <= 40, "title too long for the callout: {}", step.id);
        }
    }
}
