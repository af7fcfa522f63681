//! The few questions the readers ask of a plain JavaScript value, so that
//! the same readers run on `JsValue` in the core and on JSON in native
//! tests.

use super::Unfit;

/// A plain value as `JSON.parse` or a structured clone gives it; its
/// default is absent.
pub trait Source: Default {
    /// `null` or `undefined`.
    fn is_absent(&self) -> bool;
    /// An object that is not an array.
    fn is_record(&self) -> bool;
    fn boolean(&self) -> Option<bool>;
    fn number(&self) -> Option<f64>;
    /// A string primitive, copied out.
    fn text(&self) -> Option<String>;
    /// The length of an array; `None` for anything else.
    fn list_len(&self) -> Option<u32>;
    /// Element `index` of an array (absent past its end).
    fn item(&self, index: u32) -> Self;
    /// Property `name` of an object (absent when missing); `Err` when
    /// reading it throws.
    fn field(&self, name: &str) -> Result<Self, Unfit>;
}

#[cfg(target_arch = "wasm32")]
mod js {
    use super::{Source, Unfit};
    use js_sys::{Array, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    impl Source for JsValue {
        fn is_absent(&self) -> bool {
            self.is_null() || self.is_undefined()
        }
        fn is_record(&self) -> bool {
            self.is_object() && !Array::is_array(self)
        }
        fn boolean(&self) -> Option<bool> {
            self.as_bool()
        }
        fn number(&self) -> Option<f64> {
            self.as_f64()
        }
        fn text(&self) -> Option<String> {
            self.as_string()
        }
        fn list_len(&self) -> Option<u32> {
            Array::is_array(self).then(|| self.unchecked_ref::<Array>().length())
        }
        fn item(&self, index: u32) -> JsValue {
            self.unchecked_ref::<Array>().get(index)
        }
        fn field(&self, name: &str) -> Result<JsValue, Unfit> {
            Reflect::get(self, &JsValue::from_str(name)).map_err(|_| Unfit)
        }
    }
}

/// JSON as JavaScript sees it after `JSON.parse`, for native tests.
#[cfg(test)]
impl Source for serde_json::Value {
    fn is_absent(&self) -> bool {
        self.is_null()
    }
    fn is_record(&self) -> bool {
        self.is_object()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn text(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn list_len(&self) -> Option<u32> {
        self.as_array().map(|a| a.len() as u32)
    }
    fn item(&self, index: u32) -> Self {
        self.as_array().and_then(|a| a.get(index as usize)).cloned().unwrap_or_default()
    }
    fn field(&self, name: &str) -> Result<Self, Unfit> {
        Ok(self.get(name).cloned().unwrap_or_default())
    }
}
