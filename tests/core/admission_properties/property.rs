//! The admission property, shared by the native proptest (`main.rs`) and
//! the fuzz target (`fuzz/fuzz_targets/admit_message.rs`): from any bytes,
//! a JSON-shaped message and a sender description; whatever they are, the
//! core answers without panicking, every refusal carries a wire code and a
//! sentence, and a message the table admits came from one of its row's
//! places.

use innoslate_key_assistant::authorisation::{admit, Place, CAPTURE_SITE, GUIDE_SITES, TABLE};
use innoslate_key_assistant::dispatch::{destination, handle, Context};
use innoslate_key_assistant::origin::Origin;
use innoslate_key_assistant::protocol::{Reply, Request, PROTOCOL_VERSION};
use innoslate_key_assistant::sender_check::{identify, OwnIdentity, Sender, SenderFacts};
use innoslate_key_assistant::transfer::Transfer;
use serde_json::{Map, Value};

const OWN_ID: &str = "abcdefghijklmnop";

/// Places a message may claim to come from: ours, the guide's, the
/// destination's, look-alikes and nonsense.
const URLS: &[&str] = &[
    "chrome-extension://abcdefghijklmnop/popup/popup.html",
    "chrome-extension://zzzz/popup.html",
    "https://platform.openai.com/api-keys",
    "https://auth.openai.com/log-in",
    "https://cloud.innoslate.com/acme/admin/preferences",
    "https://cloud.innoslate.com.example.net/",
    "https://innoslate.example.com/prefs",
    "http://platform.openai.com/",
    "data:text/html,hi",
    "",
];

const KINDS: &[&str] = &[
    "page_report",
    "guide_action",
    "guide_status",
    "capture_key",
    "send_key",
    "release_key",
    "fill_done",
    "vault_status",
    "clear_vault",
    "open_destination",
    "live_check",
    "test_held_key",
    "form_submitted",
    "unknown",
];

const FIELDS: &[&str] = &[
    "v", "report", "url", "elements", "headings", "dialogs", "offer", "fields", "filled", "key", "confirm", "tab_id",
    "action", "credit", "form", "id", "role", "name", "rect",
];

const WORDS: &[&str] = &[
    "pause",
    "resume",
    "done",
    "restart",
    "back",
    "sk-proj-abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789",
    "offer-1",
];

/// Reads choices from the input bytes; past the end, every choice is the first.
pub struct Choices<'a>(&'a [u8]);

impl<'a> Choices<'a> {
    pub fn new(bytes: &'a [u8]) -> Choices<'a> {
        Choices(bytes)
    }

    fn byte(&mut self) -> u8 {
        let Some((&first, rest)) = self.0.split_first() else { return 0 };
        self.0 = rest;
        first
    }

    fn below(&mut self, n: usize) -> usize {
        self.byte() as usize % n
    }

    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.below(from.len())]
    }

    fn text(&mut self) -> String {
        let len = self.below(24).min(self.0.len());
        let (taken, rest) = self.0.split_at(len);
        self.0 = rest;
        String::from_utf8_lossy(taken).into_owned()
    }

    fn string(&mut self) -> String {
        match self.below(4) {
            0 => self.pick(URLS).to_owned(),
            1 => self.pick(KINDS).to_owned(),
            2 => self.pick(WORDS).to_owned(),
            _ => self.text(),
        }
    }

    fn number(&mut self) -> Value {
        match self.below(4) {
            0 => Value::from(self.byte()),
            1 => Value::from(PROTOCOL_VERSION),
            2 => Value::from(-1.5),
            _ => Value::from(u64::MAX),
        }
    }

    /// Any JSON value, objects keyed mostly by the protocol's own field names.
    fn value(&mut self, depth: u8) -> Value {
        match self.below(if depth == 0 { 4 } else { 6 }) {
            0 => Value::Null,
            1 => Value::Bool(self.byte() % 2 == 1),
            2 => self.number(),
            3 => Value::String(self.string()),
            4 => Value::Array((0..self.below(4)).map(|_| self.value(depth - 1)).collect()),
            _ => Value::Object(self.object(depth - 1)),
        }
    }

    fn object(&mut self, depth: u8) -> Map<String, Value> {
        let mut object = Map::new();
        for _ in 0..self.below(6) {
            let key = if self.byte() < 224 { self.pick(FIELDS).to_owned() } else { self.text() };
            let value = self.value(depth);
            object.insert(key, value);
        }
        object
    }

    /// A message: usually an object with a known `kind`, `v: 1` and its
    /// fields well typed (so the table and the handlers are reached), then
    /// sometimes a field added or overwritten with anything.
    pub fn message(&mut self) -> Value {
        if self.byte() < 16 {
            return self.value(3);
        }
        let kind = self.pick(KINDS);
        let mut object = self.fields_of(kind);
        object.insert("kind".into(), Value::String(kind.to_owned()));
        if self.byte() < 224 {
            object.insert("v".into(), Value::from(PROTOCOL_VERSION));
        }
        if self.byte() < 64 {
            object.extend(self.object(2));
        }
        Value::Object(object)
    }

    fn fields_of(&mut self, kind: &str) -> Map<String, Value> {
        let mut fields = Map::new();
        let mut put = |name: &str, value: Value| fields.insert(name.to_owned(), value);
        match kind {
            "page_report" => put("report", serde_json::json!({ "url": self.pick(URLS) })),
            "guide_action" => put("action", Value::String(self.pick(WORDS).to_owned())),
            "capture_key" | "send_key" => put("key", Value::String(self.string())),
            "release_key" | "test_held_key" => put("offer", Value::String(self.pick(&["nonce", "other"]).to_owned())),
            "fill_done" => put("filled", Value::from(self.byte())),
            "form_submitted" => put("form", Value::from(self.byte())),
            "live_check" => put("credit", Value::Bool(self.byte() % 2 == 0)),
            _ => None,
        };
        match kind {
            "guide_action" | "guide_status" if self.byte() % 2 == 0 => {
                fields.insert("tab_id".into(), Value::from(self.byte()));
            }
            "fill_done" => {
                fields.insert("offer".into(), Value::String("nonce".into()));
            }
            "release_key" => {
                fields.insert("fields".into(), Value::Array(vec![Value::from(self.byte())]));
            }
            _ => {}
        }
        fields
    }

    /// What the browser says about a sender, true or not.
    pub fn sender(&mut self) -> SenderFacts {
        let maybe = |c: &mut Choices, value: Option<i64>| if c.byte() % 4 == 0 { None } else { value };
        let frame = Some(self.pick(&[0, 0, 0, 3]));
        let tab = Some(self.byte() as i64);
        SenderFacts {
            id: self.pick(&[OWN_ID, OWN_ID, OWN_ID, "zzzz", ""]).to_owned(),
            url: if self.byte() < 232 { self.pick(URLS).to_owned() } else { self.text() },
            origin: match self.below(3) {
                0 => None,
                1 => Some(self.pick(URLS).to_owned()),
                _ => Some("null".to_owned()),
            },
            frame_id: maybe(self, frame),
            in_tab: self.byte() % 4 != 0,
            tab_id: maybe(self, tab),
            document_id: (self.byte() % 2 == 0).then(|| self.text()),
        }
    }

    /// The stored state a message comes with.
    pub fn context(&mut self) -> Context {
        let destination = match self.below(4) {
            0 => None,
            1 => Some("https://innoslate.example.com".to_owned()),
            2 => Some(self.string()),
            _ => Some("https://cloud.innoslate.com".to_owned()),
        };
        let mut context = Context { destination, now_ms: 1.0e6, offer_nonce: "nonce".into(), ..Default::default() };
        if self.byte() % 2 == 0 {
            context.progress.step = Some("save-your-key".into());
        }
        context
    }
}

/// The message as the wasm binding's reader would present it: `kind` names
/// the variant, the other properties are its fields.
pub fn read(message: &Value) -> Result<Request, ()> {
    let Value::Object(object) = message else { return Err(()) };
    let Some(Value::String(kind)) = object.get("kind") else { return Err(()) };
    let mut fields = object.clone();
    fields.remove("kind");
    let tagged = Value::Object(Map::from_iter([(kind.clone(), Value::Object(fields))]));
    serde_json::from_value(tagged).map_err(|_| ())
}

/// Where a sender is, worked out here on its own terms rather than with
/// the module under test.
fn really_at(sender: &Sender, place: Place, configured: Option<&Origin>) -> bool {
    match (sender, place) {
        (Sender::ExtensionPage, Place::ExtensionPage) => true,
        (Sender::TopFrame { origin, .. }, Place::GuideSite) => GUIDE_SITES.contains(&origin.to_string().as_str()),
        (Sender::TopFrame { origin, .. }, Place::CaptureSite) => origin.to_string() == CAPTURE_SITE,
        (Sender::TopFrame { origin, .. }, Place::Destination) => configured == Some(origin),
        _ => false,
    }
}

fn own() -> OwnIdentity {
    OwnIdentity { id: OWN_ID.into(), origin: format!("chrome-extension://{OWN_ID}") }
}

/// Checks the property for one input.
pub fn check(bytes: &[u8]) {
    let mut choices = Choices::new(bytes);
    let facts = choices.sender();
    let context = choices.context();
    let message = choices.message();
    let configured = destination(&context).ok();

    // The admission step on its own: an admitted message came from one of
    // its row's places; a refusal is a code and a sentence.
    if let (Ok(sender), Ok(request)) = (identify(&facts, &own()), read(&message)) {
        let kind = request.kind();
        let row = TABLE.iter().find(|r| r.kind == kind).expect("every kind has a row");
        match admit(request, &sender, configured.as_ref()) {
            Ok(_) => assert!(
                row.from.iter().any(|&place| really_at(&sender, place, configured.as_ref())),
                "{kind:?} admitted from {sender:?}"
            ),
            Err((code, sentence)) => assert!(!code.as_str().is_empty() && !sentence.is_empty()),
        }
    }

    // The whole answer: never a panic; every refusal a code and a sentence
    // on the wire.
    let answer = handle(read(&message), &facts, &own(), context, &mut Transfer::default());
    let wire = serde_json::to_value(&answer.reply).expect("a reply always serialises");
    if let Reply::Error { code, message, .. } = &answer.reply {
        assert!(!message.is_empty(), "{code:?} without a sentence");
        assert_eq!(wire["code"], Value::String(code.as_str().to_owned()));
        assert_eq!(wire["ok"], Value::Bool(false));
    } else if let Reply::KeyCheck { .. } = &answer.reply {
        // A key refused for its shape: the report says why, with problem codes.
        assert!(wire["report"]["verdict"].is_string(), "{wire}");
    } else {
        assert_eq!(wire["ok"], Value::Bool(true), "{wire}");
    }
}
