//! What a `Deserialize` type reads, learnt from serde itself: a deserializer
//! that answers every request with an empty value and writes down the struct
//! fields and enum variants the derived code asks for (serde passes their
//! wire names, renames applied). Run once per variant of the outer enum.

use serde::de::value::{Error, StrDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, Visitor};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Fields of structs and struct variants, variants of enums, by Rust name.
#[derive(Debug, Default)]
pub struct Shapes {
    /// Rust struct name → wire field names.
    pub structs: BTreeMap<&'static str, Vec<&'static str>>,
    /// Rust enum name → wire variant names.
    pub enums: BTreeMap<&'static str, Vec<&'static str>>,
    /// (Rust enum name, wire variant name) → wire field names of a struct variant.
    pub variant_fields: BTreeMap<(&'static str, &'static str), Vec<&'static str>>,
}

/// Everything `T` reads, visiting each variant of its outermost enum.
pub fn shapes_of<'de, T: Deserialize<'de>>() -> Shapes {
    let shapes = RefCell::new(Shapes::default());
    let mut choice = 0;
    loop {
        let outer = RefCell::new(None);
        T::deserialize(Tracer { shapes: &shapes, choice, outer: &outer })
            .unwrap_or_else(|e| panic!("tracing {}: {e}", std::any::type_name::<T>()));
        choice += 1;
        let variants = outer.borrow().map_or(0, |name| shapes.borrow().enums[name].len());
        if choice >= variants {
            return shapes.into_inner();
        }
    }
}

#[derive(Clone, Copy)]
struct Tracer<'a> {
    shapes: &'a RefCell<Shapes>,
    /// Which variant to take of the first enum met.
    choice: usize,
    /// The first enum met, once it is.
    outer: &'a RefCell<Option<&'static str>>,
}

macro_rules! empty {
    ($($method:ident => $visit:ident($($value:expr)?)),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            visitor.$visit($($value)?)
        })*
    };
}

impl<'de> Deserializer<'de> for Tracer<'_> {
    type Error = Error;

    empty! {
        deserialize_bool => visit_bool(false),
        deserialize_i8 => visit_i64(0),
        deserialize_i16 => visit_i64(0),
        deserialize_i32 => visit_i64(0),
        deserialize_i64 => visit_i64(0),
        deserialize_u8 => visit_u64(0),
        deserialize_u16 => visit_u64(0),
        deserialize_u32 => visit_u64(0),
        deserialize_u64 => visit_u64(0),
        deserialize_f32 => visit_f64(0.0),
        deserialize_f64 => visit_f64(0.0),
        deserialize_char => visit_char('x'),
        deserialize_str => visit_str(""),
        deserialize_string => visit_str(""),
        deserialize_bytes => visit_bytes(&[]),
        deserialize_byte_buf => visit_bytes(&[]),
        deserialize_unit => visit_unit(),
        deserialize_ignored_any => visit_unit(),
    }

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        Err(de::Error::custom("a self-describing read cannot be traced"))
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        Err(de::Error::custom("identifiers are read through the struct and enum access"))
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_seq(OneElement { tracer: self, done: false })
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Error> {
        Err(de::Error::custom("tuples are not part of the protocol"))
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _: &'static str, _: usize, _: V) -> Result<V::Value, Error> {
        Err(de::Error::custom("tuple structs are not part of the protocol"))
    }
    fn deserialize_map<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        Err(de::Error::custom("maps are not part of the protocol"))
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.shapes.borrow_mut().structs.insert(name, fields.to_vec());
        visitor.visit_map(Fields { tracer: self, fields, next: 0 })
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.shapes.borrow_mut().enums.insert(name, variants.to_vec());
        let outer = *self.outer.borrow_mut().get_or_insert(name);
        let index = if outer == name { self.choice } else { 0 };
        visitor.visit_enum(Variant { tracer: self, enum_name: name, variant: variants[index] })
    }
}

struct OneElement<'a> {
    tracer: Tracer<'a>,
    done: bool,
}

impl<'de> de::SeqAccess<'de> for OneElement<'_> {
    type Error = Error;
    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Error> {
        if std::mem::replace(&mut self.done, true) {
            return Ok(None);
        }
        seed.deserialize(self.tracer).map(Some)
    }
}

struct Fields<'a> {
    tracer: Tracer<'a>,
    fields: &'static [&'static str],
    next: usize,
}

impl<'de> de::MapAccess<'de> for Fields<'_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some(field) = self.fields.get(self.next) else {
            return Ok(None);
        };
        self.next += 1;
        let key: StrDeserializer<Error> = field.into_deserializer();
        seed.deserialize(key).map(Some)
    }
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        seed.deserialize(self.tracer)
    }
}

struct Variant<'a> {
    tracer: Tracer<'a>,
    enum_name: &'static str,
    variant: &'static str,
}

impl<'de, 'a> de::EnumAccess<'de> for Variant<'a> {
    type Error = Error;
    type Variant = Self;
    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Error> {
        let key: StrDeserializer<Error> = self.variant.into_deserializer();
        Ok((seed.deserialize(key)?, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_> {
    type Error = Error;
    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }
    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Error> {
        seed.deserialize(self.tracer)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Error> {
        Err(de::Error::custom("tuple variants are not part of the protocol"))
    }
    fn struct_variant<V: Visitor<'de>>(self, fields: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        self.tracer.shapes.borrow_mut().variant_fields.insert((self.enum_name, self.variant), fields.to_vec());
        visitor.visit_map(Fields { tracer: self.tracer, fields, next: 0 })
    }
}
