//! Derives the Chromium and Firefox manifests from the one source manifest.
//!
//! The source is a Chromium MV3 manifest that also carries Firefox's
//! `browser_specific_settings`. Chromium gets the service worker; Firefox,
//! which runs MV3 backgrounds as event pages, gets `background.scripts`.
//! Firefox also loses `storage.managed_schema`: it feeds `storage.managed`
//! from the enterprise policy file (policies.json, "3rdparty" → "Extensions"
//! → the add-on id) and warns about the unsupported key on every load.

use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Browser {
    Chrome,
    Firefox,
}

impl Browser {
    pub fn name(self) -> &'static str {
        match self {
            Browser::Chrome => "chrome",
            Browser::Firefox => "firefox",
        }
    }
}

pub fn derive(source: &Value, browser: Browser) -> Result<Value, String> {
    let mut m = source.clone();
    let obj = m.as_object_mut().ok_or("manifest.json is not an object")?;
    let worker =
        source["background"]["service_worker"].as_str().ok_or("manifest.json needs background.service_worker")?;
    match browser {
        Browser::Chrome => {
            obj.remove("browser_specific_settings");
        }
        Browser::Firefox => {
            obj.insert("background".into(), json!({ "scripts": [worker], "type": "module" }));
            obj.remove("minimum_chrome_version");
            obj.remove("storage");
        }
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Value {
        serde_json::from_str(&std::fs::read_to_string(crate::root().join("manifest.json")).unwrap()).unwrap()
    }

    #[test]
    fn chrome_gets_service_worker_and_no_gecko_settings() {
        let m = derive(&source(), Browser::Chrome).unwrap();
        assert_eq!(m["background"]["service_worker"], "background/background.js");
        assert_eq!(m["background"]["type"], "module");
        assert!(m.get("browser_specific_settings").is_none());
    }

    #[test]
    fn firefox_gets_background_scripts_and_gecko_settings() {
        let m = derive(&source(), Browser::Firefox).unwrap();
        assert_eq!(m["background"], json!({ "scripts": ["background/background.js"], "type": "module" }));
        assert_eq!(m["browser_specific_settings"]["gecko"]["data_collection_permissions"]["required"], json!(["none"]));
        assert!(m.get("minimum_chrome_version").is_none());
        assert!(m.get("storage").is_none(), "Firefox does not understand storage.managed_schema");
    }

    #[test]
    fn chrome_keeps_the_managed_schema() {
        let m = derive(&source(), Browser::Chrome).unwrap();
        assert_eq!(m["storage"]["managed_schema"], "managed-schema.json");
    }

    #[test]
    fn both_browsers_get_the_focus_shortcut() {
        for browser in [Browser::Chrome, Browser::Firefox] {
            let m = derive(&source(), browser).unwrap();
            let command = &m["commands"]["focus-guide"];
            assert_eq!(command["suggested_key"]["default"], "Alt+Shift+K", "{}", browser.name());
            assert_eq!(command["description"], "__MSG_commandFocusGuide__", "{}", browser.name());
        }
        let messages: Value = serde_json::from_str(
            &std::fs::read_to_string(crate::root().join("extension/_locales/en/messages.json")).unwrap(),
        )
        .unwrap();
        assert!(messages["commandFocusGuide"]["message"].as_str().is_some_and(|m| !m.is_empty()));
    }

    #[test]
    fn least_privilege_and_strict_csp() {
        let m = source();
        assert_eq!(
            m["content_security_policy"]["extension_pages"],
            "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"
        );
        // Notifications only when the admin allows them, from the popup.
        assert_eq!(m["permissions"], json!(["storage", "scripting", "alarms"]));
        assert_eq!(m["optional_permissions"], json!(["notifications"]));
        let text = m.to_string();
        for forbidden in ["<all_urls>", "\"tabs\"", "'unsafe-eval'", "'unsafe-inline'", "http://*", "\"*://"] {
            assert!(!text.contains(forbidden), "manifest must not contain {forbidden}");
        }
    }
}
