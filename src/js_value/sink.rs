//! What the hand writers ([`Write`]) build: a plain JavaScript value as
//! `JSON.parse` would give it, so that the same writers make `JsValue`s in
//! the core and JSON in native tests (where serde's derive checks them).

/// A plain value under construction: objects, arrays, strings, numbers,
/// booleans and `null`.
pub trait Sink: Sized {
    fn null() -> Self;
    fn flag(value: bool) -> Self;
    fn number(value: f64) -> Self;
    fn text(value: &str) -> Self;
    /// An empty array.
    fn list() -> Self;
    /// Appends to an array.
    fn push(&mut self, item: Self);
    /// An empty object.
    fn record() -> Self;
    /// Sets property `name` of an object.
    fn set(&mut self, name: &str, value: Self);
}

/// A type the core replies with, written as serde's derive writes it.
pub trait Write {
    fn write<S: Sink>(&self) -> S;
}

/// Property `name` of `object` set to `value` written.
// Inlined: a copy per field type cost more than the two calls it wraps.
#[inline(always)]
pub fn field<S: Sink, T: Write + ?Sized>(object: &mut S, name: &str, value: &T) {
    object.set(name, value.write())
}

impl Write for bool {
    fn write<S: Sink>(&self) -> S {
        S::flag(*self)
    }
}

impl Write for u8 {
    fn write<S: Sink>(&self) -> S {
        S::number(f64::from(*self))
    }
}

impl Write for u32 {
    fn write<S: Sink>(&self) -> S {
        S::number(f64::from(*self))
    }
}

impl Write for f64 {
    fn write<S: Sink>(&self) -> S {
        S::number(*self)
    }
}

impl Write for str {
    fn write<S: Sink>(&self) -> S {
        S::text(self)
    }
}

impl Write for String {
    fn write<S: Sink>(&self) -> S {
        S::text(self)
    }
}

impl Write for std::borrow::Cow<'_, str> {
    fn write<S: Sink>(&self) -> S {
        S::text(self)
    }
}

impl<T: Write + ?Sized> Write for &T {
    #[inline(always)]
    fn write<S: Sink>(&self) -> S {
        (**self).write()
    }
}

impl<T: Write + ?Sized> Write for Box<T> {
    #[inline(always)]
    fn write<S: Sink>(&self) -> S {
        (**self).write()
    }
}

impl<T: Write> Write for Option<T> {
    fn write<S: Sink>(&self) -> S {
        self.as_ref().map_or_else(S::null, T::write)
    }
}

impl<T: Write> Write for [T] {
    fn write<S: Sink>(&self) -> S {
        let mut list = S::list();
        for item in self {
            list.push(item.write());
        }
        list
    }
}

impl<T: Write> Write for Vec<T> {
    #[inline(always)]
    fn write<S: Sink>(&self) -> S {
        self.as_slice().write()
    }
}

#[cfg(target_arch = "wasm32")]
mod js {
    use super::Sink;
    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    impl Sink for JsValue {
        fn null() -> JsValue {
            JsValue::NULL
        }
        fn flag(value: bool) -> JsValue {
            JsValue::from_bool(value)
        }
        fn number(value: f64) -> JsValue {
            JsValue::from_f64(value)
        }
        fn text(value: &str) -> JsValue {
            JsValue::from_str(value)
        }
        fn list() -> JsValue {
            Array::new().into()
        }
        fn push(&mut self, item: JsValue) {
            self.unchecked_ref::<Array>().push(&item);
        }
        fn record() -> JsValue {
            Object::new().into()
        }
        // One copy for every field of every type: inlined, the property set
        // and the drops of its temporaries would repeat in each writer.
        #[inline(never)]
        fn set(&mut self, name: &str, value: JsValue) {
            let _ = Reflect::set(self, &JsValue::from_str(name), &value);
        }
    }
}

/// JSON as JavaScript sees it after `JSON.parse`, for native tests.
#[cfg(test)]
impl Sink for serde_json::Value {
    fn null() -> Self {
        serde_json::Value::Null
    }
    fn flag(value: bool) -> Self {
        value.into()
    }
    fn number(value: f64) -> Self {
        value.into()
    }
    fn text(value: &str) -> Self {
        value.into()
    }
    fn list() -> Self {
        serde_json::Value::Array(Vec::new())
    }
    fn push(&mut self, item: Self) {
        self.as_array_mut().expect("push onto a list").push(item)
    }
    fn record() -> Self {
        serde_json::Value::Object(serde_json::Map::new())
    }
    fn set(&mut self, name: &str, value: Self) {
        self.as_object_mut().expect("set on a record").insert(name.to_owned(), value);
    }
}
