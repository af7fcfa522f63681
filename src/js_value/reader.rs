//! Reads plain values straight into the core's serde types: the reference
//! the hand readers beside it are checked against, on JSON, in native tests.
//! (The wasm core reads every message by hand: through serde's derive each
//! type had its own copy of this reading code, 2.3 KB gzip for the requests
//! alone.)
//!
//! Structs are read by asking the object for each expected field, never
//! enumerating what else is there.
//!
//! Conventions: `null` and `undefined` are absent; integral numbers are
//! integers; an enum is either a string (a unit variant) or an object whose
//! string `kind` names the variant and whose other properties are its fields.

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

use super::source::Source;
use super::Unfit;

/// Reads `value` as a `T`.
pub fn read<T: DeserializeOwned>(value: impl Source) -> Result<T, Unfit> {
    T::deserialize(JsReader(value))
}

struct JsReader<S>(S);

// Integers up to 2^53 are exact in a JS number.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

impl<'de, S: Source> de::Deserializer<'de> for JsReader<S> {
    type Error = Unfit;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unfit> {
        match Plain::of(self.0)? {
            Plain::Absent => visitor.visit_unit(),
            Plain::Bool(b) => visitor.visit_bool(b),
            Plain::Unsigned(n) => visitor.visit_u64(n),
            Plain::Signed(n) => visitor.visit_i64(n),
            Plain::Float(n) => visitor.visit_f64(n),
            // Owned: a visitor that keeps secrets (a key) takes this buffer
            // and zeroes it itself.
            Plain::Text(s) => visitor.visit_string(s),
            Plain::List(array, len) => visitor.visit_seq(Items { array, len, next: 0 }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unfit> {
        if self.0.is_absent() {
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
        if !self.0.is_record() {
            return Err(Unfit);
        }
        visitor.visit_map(Fields { object: self.0, fields, next: 0, value: S::default() })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unfit> {
        if let Some(name) = self.0.text() {
            return visitor.visit_enum(UnitVariant(index_of(variants, &name)?));
        }
        if !self.0.is_record() && self.0.list_len().is_none() {
            return Err(Unfit);
        }
        let name = self.0.field("kind").ok().and_then(|k| k.text()).ok_or(Unfit)?;
        visitor.visit_enum(Tagged { index: index_of(variants, &name)?, object: self.0 })
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// What a value is, decided once outside the generic reader so that each
/// type's copy of `deserialize_any` is only the hand-over to its visitor.
enum Plain<S> {
    Absent,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(String),
    List(S, u32),
}

impl<S: Source> Plain<S> {
    #[inline(never)]
    fn of(value: S) -> Result<Plain<S>, Unfit> {
        if value.is_absent() {
            return Ok(Plain::Absent);
        }
        if let Some(b) = value.boolean() {
            return Ok(Plain::Bool(b));
        }
        if let Some(n) = value.number() {
            return Ok(if n.fract() == 0.0 && (0.0..=MAX_SAFE).contains(&n) {
                Plain::Unsigned(n as u64)
            } else if n.fract() == 0.0 && (-MAX_SAFE..0.0).contains(&n) {
                Plain::Signed(n as i64)
            } else {
                Plain::Float(n)
            });
        }
        if let Some(s) = value.text() {
            return Ok(Plain::Text(s));
        }
        if let Some(len) = value.list_len() {
            return Ok(Plain::List(value, len));
        }
        Err(Unfit)
    }
}

/// The elements of an array, in order.
struct Items<S> {
    array: S,
    len: u32,
    next: u32,
}

impl<'de, S: Source> de::SeqAccess<'de> for Items<S> {
    type Error = Unfit;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Unfit> {
        if self.next >= self.len {
            return Ok(None);
        }
        let item = self.array.item(self.next);
        self.next += 1;
        seed.deserialize(JsReader(item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.len - self.next) as usize)
    }
}

/// A struct's expected fields that the object has (absent ones are left to
/// the struct's defaults).
struct Fields<S> {
    object: S,
    fields: &'static [&'static str],
    next: usize,
    value: S,
}

impl<S: Source> Fields<S> {
    /// The position among the expected fields of the next one the object
    /// holds a value for, that value kept for `next_value_seed`. Not generic,
    /// so one copy serves every struct.
    #[inline(never)]
    fn next_present(&mut self) -> Result<Option<u64>, Unfit> {
        while let Some(&field) = self.fields.get(self.next) {
            self.next += 1;
            let value = self.object.field(field)?;
            if value.is_absent() {
                continue;
            }
            self.value = value;
            return Ok(Some(self.next as u64 - 1));
        }
        Ok(None)
    }
}

impl<'de, S: Source> de::MapAccess<'de> for Fields<S> {
    type Error = Unfit;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Unfit> {
        match self.next_present()? {
            Some(index) => seed.deserialize(index.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Unfit> {
        seed.deserialize(JsReader(std::mem::take(&mut self.value)))
    }
}

/// Where `name` stands in a derive's list of field or variant names.
///
/// Fields and variants are handed to serde by that position rather than by
/// name: the derive maps a position with one jump table, where a name would
/// be compared against every name in each type's own copy of the code. (The
/// list holds no aliases: the core's types declare none.)
#[inline(never)]
fn index_of(names: &[&str], name: &str) -> Result<u64, Unfit> {
    names.iter().position(|&n| n == name).map(|i| i as u64).ok_or(Unfit)
}

/// A unit variant, written as its name alone.
struct UnitVariant(u64);

impl<'de> de::EnumAccess<'de> for UnitVariant {
    type Error = Unfit;
    type Variant = UnitVariant;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, UnitVariant), Unfit> {
        Ok((seed.deserialize(self.0.into_deserializer())?, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant {
    type Error = Unfit;

    fn unit_variant(self) -> Result<(), Unfit> {
        Ok(())
    }

    // A bare name carries no fields.
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value, Unfit> {
        Err(Unfit)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Unfit> {
        Err(Unfit)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value, Unfit> {
        Err(Unfit)
    }
}

/// An object tagged by `kind`: the variant, then the object's fields.
struct Tagged<S> {
    index: u64,
    object: S,
}

impl<'de, S: Source> de::EnumAccess<'de> for Tagged<S> {
    type Error = Unfit;
    type Variant = JsReader<S>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, JsReader<S>), Unfit> {
        Ok((seed.deserialize(self.index.into_deserializer())?, JsReader(self.object)))
    }
}

impl<'de, S: Source> de::VariantAccess<'de> for JsReader<S> {
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
