//! Reads JavaScript values straight into the core's serde types.
//!
//! Structs are read by asking the object for each expected field, never
//! enumerating what else is there.
//!
//! Conventions: `null` and `undefined` are absent; integral numbers are
//! integers; an enum is either a string (a unit variant) or an object whose
//! string `kind` names the variant and whose other properties are its fields.

use js_sys::{Array, Reflect};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;
use wasm_bindgen::{JsCast, JsValue};

use super::Unfit;

/// Reads `value` as a `T`.
pub fn read<T: DeserializeOwned>(value: JsValue) -> Result<T, Unfit> {
    T::deserialize(JsReader(value))
}

struct JsReader(JsValue);

// Integers up to 2^53 are exact in a JS number.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

impl<'de> de::Deserializer<'de> for JsReader {
    type Error = Unfit;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unfit> {
        let value = self.0;
        if value.is_null() || value.is_undefined() {
            return visitor.visit_unit();
        }
        if let Some(b) = value.as_bool() {
            return visitor.visit_bool(b);
        }
        if let Some(n) = value.as_f64() {
            return if n.fract() == 0.0 && (0.0..=MAX_SAFE).contains(&n) {
                visitor.visit_u64(n as u64)
            } else if n.fract() == 0.0 && (-MAX_SAFE..0.0).contains(&n) {
                visitor.visit_i64(n as i64)
            } else {
                visitor.visit_f64(n)
            };
        }
        if let Some(s) = value.as_string() {
            // Owned: a visitor that keeps secrets (a key) takes this buffer
            // and zeroes it itself.
            return visitor.visit_string(s);
        }
        if Array::is_array(&value) {
            let array: Array = value.unchecked_into();
            return visitor.visit_seq(Items { array, next: 0 });
        }
        Err(Unfit)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unfit> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Unfit> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unfit> {
        if !self.0.is_object() || Array::is_array(&self.0) {
            return Err(Unfit);
        }
        visitor.visit_map(Fields { object: self.0, fields, next: 0, value: JsValue::UNDEFINED })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unfit> {
        if let Some(name) = self.0.as_string() {
            return visitor.visit_enum(name.into_deserializer());
        }
        if !self.0.is_object() {
            return Err(Unfit);
        }
        let name = Reflect::get(&self.0, &JsValue::from_str("kind")).ok().and_then(|k| k.as_string()).ok_or(Unfit)?;
        visitor.visit_enum(Tagged { name, object: self.0 })
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// The elements of an array, in order.
struct Items {
    array: Array,
    next: u32,
}

impl<'de> de::SeqAccess<'de> for Items {
    type Error = Unfit;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Unfit> {
        if self.next >= self.array.length() {
            return Ok(None);
        }
        let item = self.array.get(self.next);
        self.next += 1;
        seed.deserialize(JsReader(item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.array.length() - self.next) as usize)
    }
}

/// A struct's expected fields that the object has (absent ones are left to
/// the struct's defaults).
struct Fields {
    object: JsValue,
    fields: &'static [&'static str],
    next: usize,
    value: JsValue,
}

impl<'de> de::MapAccess<'de> for Fields {
    type Error = Unfit;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Unfit> {
        while let Some(&field) = self.fields.get(self.next) {
            self.next += 1;
            let value = Reflect::get(&self.object, &JsValue::from_str(field)).map_err(|_| Unfit)?;
            if value.is_undefined() || value.is_null() {
                continue;
            }
            self.value = value;
            return seed.deserialize(field.into_deserializer()).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Unfit> {
        seed.deserialize(JsReader(std::mem::replace(&mut self.value, JsValue::UNDEFINED)))
    }
}

/// An object tagged by `kind`: the variant, then the object's fields.
struct Tagged {
    name: String,
    object: JsValue,
}

impl<'de> de::EnumAccess<'de> for Tagged {
    type Error = Unfit;
    type Variant = JsReader;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, JsReader), Unfit> {
        let name: de::value::StringDeserializer<Unfit> = self.name.into_deserializer();
        Ok((seed.deserialize(name)?, JsReader(self.object)))
    }
}

impl<'de> de::VariantAccess<'de> for JsReader {
    type Error = Unfit;

    // Reached only for kind-tagged objects; a unit variant is a plain string.
    fn unit_variant(self) -> Result<(), Unfit> {
        Err(Unfit)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Unfit> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Unfit> {
        Err(Unfit)
    }

    fn struct_variant<V: Visitor<'de>>(self, fields: &'static [&'static str], visitor: V) -> Result<V::Value, Unfit> {
        de::Deserializer::deserialize_struct(self, "", fields, visitor)
    }
}
