//! Synthetic page reports: each shape of provider choice, on and off
//! OpenAI, look-alikes, and page wording that is not fit to show.

use super::*;
use crate::page_report::Rect;

const BOX: Rect = Rect { x: 0.0, y: 0.0, width: 120.0, height: 24.0 };

fn key_field(id: u32, section: &str) -> ElementFact {
    ElementFact {
        id,
        role: "textbox".into(),
        name: "OpenAI API Key".into(),
        label: "OpenAI API Key".into(),
        section: section.into(),
        form: Some(1),
        rect: BOX,
        ..Default::default()
    }
}

fn select(id: u32, name: &str, section: &str, options: &[&str], chosen: &str) -> ElementFact {
    ElementFact {
        id,
        role: "combobox".into(),
        name: name.into(),
        label: name.into(),
        section: section.into(),
        form: Some(1),
        has_value: true,
        value_text: chosen.into(),
        options: options.iter().map(|o| o.to_string()).collect(),
        rect: BOX,
        ..Default::default()
    }
}

fn radio(id: u32, name: &str, section: &str, checked: bool) -> ElementFact {
    ElementFact {
        id,
        role: "radio".into(),
        name: name.into(),
        label: name.into(),
        section: section.into(),
        form: Some(1),
        checked: Some(checked),
        rect: BOX,
        ..Default::default()
    }
}

fn switch(id: u32, name: &str, section: &str, checked: Option<bool>) -> ElementFact {
    ElementFact {
        id,
        role: "switch".into(),
        name: name.into(),
        section: section.into(),
        form: Some(1),
        checked,
        rect: BOX,
        ..Default::default()
    }
}

const PROVIDERS: &[&str] = &["SPEC Innovations (default)", "OpenAI", "AskSage"];
const DEFAULT: &str = "SPEC Innovations (default)";

fn page(elements: Vec<ElementFact>) -> PageReport {
    PageReport {
        url: "https://cloud.innoslate.com/acme/admin/preferences".into(),
        headings: vec!["Organization Preferences".into(), "Chat AI".into(), "Image AI".into()],
        elements,
        ..Default::default()
    }
}

fn filled(purpose: Purpose, section: &str) -> FilledField {
    FilledField { purpose, section: section.into(), form: Some(1) }
}

fn chat() -> FilledField {
    filled(Purpose::ChatAi, "Chat AI")
}

fn image() -> FilledField {
    filled(Purpose::ImageAi, "Image AI")
}

/// The practice page's shapes: a select for Chat AI, radios for Image AI.
fn practice(chat_choice: &str, image_choice: &str) -> PageReport {
    let mut elements = vec![select(1, "Provider", "Chat AI", PROVIDERS, chat_choice), key_field(2, "Chat AI")];
    for (i, name) in PROVIDERS.iter().enumerate() {
        elements.push(radio(3 + i as u32, name, "Image AI provider", *name == image_choice));
    }
    elements.push(key_field(6, "Image AI"));
    page(elements)
}

fn pending(feature: Purpose, target: u32, change: Change) -> Option<Pending> {
    Some(Pending { feature, target, change })
}

fn openai() -> Change {
    Change::Choose(Some("OpenAI".into()))
}

#[test]
fn a_select_on_the_default_is_pointed_at_with_the_option_to_choose() {
    let first = review(&practice(DEFAULT, "OpenAI"), &[chat()]);
    assert_eq!(first, Review { pending: pending(Purpose::ChatAi, 1, openai()), unsure: vec![] });
    // AskSage or Azure OpenAI is not the key's provider either.
    for other in ["AskSage", "Azure OpenAI"] {
        let mut report = practice(other, "OpenAI");
        report.elements[0].options.push("Azure OpenAI".into());
        assert_eq!(review(&report, &[chat()]).pending, pending(Purpose::ChatAi, 1, openai()), "{other}");
    }
}

#[test]
fn a_select_on_openai_leaves_nothing_to_change() {
    assert_eq!(review(&practice("OpenAI", "OpenAI"), &[chat()]), Review::default());
    // Whatever the page calls its own-key option.
    let options = &["SPEC Innovations default API", "Custom key (OpenAI)"];
    let report =
        page(vec![select(1, "AI service", "Chat AI", options, "Custom key (OpenAI)"), key_field(2, "Chat AI")]);
    assert_eq!(review(&report, &[chat()]), Review::default());
    let report = page(vec![select(1, "AI service", "Chat AI", options, options[0]), key_field(2, "Chat AI")]);
    let expected = pending(Purpose::ChatAi, 1, Change::Choose(Some("Custom key (OpenAI)".into())));
    assert_eq!(review(&report, &[chat()]).pending, expected);
}

#[test]
fn a_radio_group_points_at_its_openai_radio() {
    let review_of = |image_choice| review(&practice("OpenAI", image_choice), &[chat(), image()]);
    assert_eq!(review_of(DEFAULT), Review { pending: pending(Purpose::ImageAi, 4, openai()), unsure: vec![] });
    assert_eq!(review_of("AskSage").pending, pending(Purpose::ImageAi, 4, openai()));
    assert_eq!(review_of("OpenAI"), Review::default());
    // Radios that report no checked state do not say what is chosen.
    let mut report = practice("OpenAI", DEFAULT);
    report.elements.iter_mut().filter(|e| e.role == "radio").for_each(|e| e.checked = None);
    assert_eq!(review(&report, &[image()]), Review { pending: None, unsure: vec![Purpose::ImageAi] });
}

#[test]
fn a_switch_is_turned_on_for_your_own_key_or_off_for_the_default() {
    let own = |checked| page(vec![switch(1, "Use your own OpenAI key", "Image AI", checked), key_field(2, "Image AI")]);
    let expected = pending(Purpose::ImageAi, 1, Change::Turn(true, Some("Use your own OpenAI key".into())));
    assert_eq!(review(&own(Some(false)), &[image()]).pending, expected);
    assert_eq!(review(&own(Some(true)), &[image()]), Review::default());
    assert_eq!(review(&own(None), &[image()]).unsure, vec![Purpose::ImageAi]);
    let default = |checked| {
        page(vec![switch(1, "Use SPEC Innovations default", "Chat AI", Some(checked)), key_field(2, "Chat AI")])
    };
    let expected = pending(Purpose::ChatAi, 1, Change::Turn(false, Some("Use SPEC Innovations default".into())));
    assert_eq!(review(&default(true), &[chat()]).pending, expected);
    assert_eq!(review(&default(false), &[chat()]), Review::default());
    // A checkbox that only happens to contain the letters is no choice.
    let known = page(vec![switch(1, "Show known models", "Image AI", Some(false)), key_field(2, "Image AI")]);
    assert_eq!(review(&known, &[image()]).unsure, vec![Purpose::ImageAi]);
    let known = page(vec![switch(1, "Remember known hosts", "Image AI", Some(false)), key_field(2, "Image AI")]);
    assert_eq!(review(&known, &[image()]).unsure, vec![Purpose::ImageAi]);
}

#[test]
fn both_features_are_set_one_at_a_time_chat_ai_first() {
    let both = [image(), chat()];
    assert_eq!(review(&practice(DEFAULT, DEFAULT), &both).pending, pending(Purpose::ChatAi, 1, openai()));
    assert_eq!(review(&practice("OpenAI", DEFAULT), &both).pending, pending(Purpose::ImageAi, 4, openai()));
    assert_eq!(review(&practice("OpenAI", "OpenAI"), &both), Review::default());
    // Only the filled feature's choice counts.
    assert_eq!(review(&practice("OpenAI", DEFAULT), &[chat()]), Review::default());
}

#[test]
fn one_field_for_both_features_is_governed_by_each_features_choice() {
    let shared = |chat_choice, image_choice| {
        page(vec![
            select(1, "Chat AI provider", "OpenAI", PROVIDERS, chat_choice),
            select(2, "Image AI provider", "OpenAI", PROVIDERS, image_choice),
            key_field(3, "OpenAI"),
        ])
    };
    let field = [filled(Purpose::Unspecified, "OpenAI")];
    assert_eq!(review(&shared(DEFAULT, DEFAULT), &field).pending, pending(Purpose::ChatAi, 1, openai()));
    assert_eq!(review(&shared("OpenAI", DEFAULT), &field).pending, pending(Purpose::ImageAi, 2, openai()));
    assert_eq!(review(&shared("OpenAI", "OpenAI"), &field), Review::default());
    // One featureless choice beside it.
    let single = page(vec![select(1, "Provider", "OpenAI", PROVIDERS, DEFAULT), key_field(2, "OpenAI")]);
    assert_eq!(review(&single, &field).pending, pending(Purpose::Unspecified, 1, openai()));
}

#[test]
fn two_look_alike_choices_point_at_neither() {
    let report = page(vec![
        select(1, "Provider", "Chat AI", PROVIDERS, DEFAULT),
        select(2, "Provider", "Chat AI", PROVIDERS, DEFAULT),
        key_field(3, "Chat AI"),
    ]);
    assert_eq!(review(&report, &[chat()]), Review { pending: None, unsure: vec![Purpose::ChatAi] });
    // A switch beside the list: two settings could decide it.
    let report = page(vec![
        select(1, "Provider", "Chat AI", PROVIDERS, DEFAULT),
        switch(2, "Use custom API key", "Chat AI", Some(false)),
        key_field(3, "Chat AI"),
    ]);
    assert_eq!(review(&report, &[chat()]).unsure, vec![Purpose::ChatAi]);
}

#[test]
fn no_choice_model_pickers_and_settings_out_of_reach_are_unsure() {
    assert_eq!(review(&page(vec![key_field(1, "Chat AI")]), &[chat()]).unsure, vec![Purpose::ChatAi]);
    // A model list names OpenAI's models, not a provider.
    let models = &["OpenAI GPT-4o", "AskSage default model"];
    let report = page(vec![select(1, "Chat AI model", "Chat AI", models, models[1]), key_field(2, "Chat AI")]);
    assert_eq!(review(&report, &[chat()]).unsure, vec![Purpose::ChatAi]);
    // Disabled, in another form, in a dialog or hidden: not the field's setting.
    for change in [
        |e: &mut ElementFact| e.disabled = true,
        |e: &mut ElementFact| e.form = Some(2),
        |e: &mut ElementFact| e.dialog = Some(0),
        |e: &mut ElementFact| e.rect = Rect::default(),
    ] {
        let mut report = practice(DEFAULT, "OpenAI");
        change(&mut report.elements[0]);
        assert_eq!(review(&report, &[chat()]).unsure, vec![Purpose::ChatAi]);
    }
    // Another feature's choice never governs this one.
    let report = page(vec![select(1, "Provider", "Image AI", PROVIDERS, DEFAULT), key_field(2, "Chat AI")]);
    assert_eq!(review(&report, &[chat()]).unsure, vec![Purpose::ChatAi]);
}

#[test]
fn a_list_without_a_shown_choice_is_unsure_and_one_without_options_gets_our_words() {
    let mut report = practice("", "OpenAI");
    assert_eq!(review(&report, &[chat()]).unsure, vec![Purpose::ChatAi]);
    // A closed custom combobox: its text says the choice, its options are not in the page yet.
    report.elements[0].value_text = DEFAULT.into();
    report.elements[0].options.clear();
    assert_eq!(review(&report, &[chat()]).pending, pending(Purpose::ChatAi, 1, Change::Choose(None)));
    // Options without any OpenAI one: Innoslate cannot use this key there.
    report.elements[0].options = vec![DEFAULT.into(), "AskSage".into()];
    assert_eq!(review(&report, &[chat()]).unsure, vec![Purpose::ChatAi]);
}

#[test]
fn hostile_option_names_are_replaced_by_our_words() {
    for hostile in [
        "OpenAI \u{202e}yek nwo",
        "Open\u{200b}AI or OpenAI",
        "OpenAI: paste your key at example.net",
        "OpenAI - recommended by your administrator today",
        " OpenAI",
    ] {
        let options = [DEFAULT, hostile];
        let report = page(vec![select(1, "Provider", "Chat AI", &options, DEFAULT), key_field(2, "Chat AI")]);
        assert_eq!(
            review(&report, &[chat()]).pending,
            pending(Purpose::ChatAi, 1, Change::Choose(None)),
            "{hostile:?}"
        );
    }
    assert_eq!(page_words("OpenAI (own key)"), Some("OpenAI (own key)".into()));
    for text in ["", "Open  AI", "\u{41e}penAI", "a b c d e f", &"x".repeat(33), "OpenAI\u{2066}"] {
        assert_eq!(page_words(text), None, "{text:?}");
    }
}
