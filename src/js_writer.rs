//! Writes the core's serde types as plain JavaScript values: objects,
//! arrays, strings, numbers, booleans and `null` (what `JSON.parse` would
//! give, so content scripts read replies with dot access).
//!
//! The counterpart of `js_reader`, for the same reason: a general-purpose
//! serializer brings a string-interning cache and error texts the core does
//! not need. The core's types only hold strings, numbers, booleans, options,
//! sequences and structs (enums serialize as strings or as `kind`-tagged
//! structs), so anything else is refused rather than guessed at.

use js_sys::{Array, Object, Reflect};
use serde::ser::{self, Serialize};
use wasm_bindgen::JsValue;

/// A value of a kind the core never sends (a map, bytes, a tuple variant).
#[derive(Debug)]
pub struct Unwritable;

impl std::fmt::Display for Unwritable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("unwritable value")
    }
}

impl std::error::Error for Unwritable {}

impl ser::Error for Unwritable {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unwritable
    }
}

/// `value` as a plain JS value; `null` if it holds something unwritable.
pub fn write<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value.serialize(JsWriter).unwrap_or(JsValue::NULL)
}

struct JsWriter;

type Done = Result<JsValue, Unwritable>;

impl ser::Serializer for JsWriter {
    type Ok = JsValue;
    type Error = Unwritable;
    type SerializeSeq = Items;
    type SerializeTuple = Items;
    type SerializeTupleStruct = ser::Impossible<JsValue, Unwritable>;
    type SerializeTupleVariant = ser::Impossible<JsValue, Unwritable>;
    type SerializeMap = ser::Impossible<JsValue, Unwritable>;
    type SerializeStruct = Fields;
    type SerializeStructVariant = ser::Impossible<JsValue, Unwritable>;

    fn serialize_bool(self, v: bool) -> Done {
        Ok(JsValue::from_bool(v))
    }
    fn serialize_i8(self, v: i8) -> Done {
        self.serialize_f64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Done {
        self.serialize_f64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Done {
        self.serialize_f64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Done {
        self.serialize_f64(v as f64)
    }
    fn serialize_u8(self, v: u8) -> Done {
        self.serialize_f64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Done {
        self.serialize_f64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Done {
        self.serialize_f64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Done {
        self.serialize_f64(v as f64)
    }
    fn serialize_f32(self, v: f32) -> Done {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Done {
        Ok(JsValue::from_f64(v))
    }
    fn serialize_char(self, v: char) -> Done {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Done {
        Ok(JsValue::from_str(v))
    }
    fn serialize_bytes(self, _: &[u8]) -> Done {
        Err(Unwritable)
    }
    fn serialize_none(self) -> Done {
        Ok(JsValue::NULL)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Done {
        Err(Unwritable)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Items, Unwritable> {
        Ok(Items(Array::new()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Items, Unwritable> {
        Ok(Items(Array::new()))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields, Unwritable> {
        Ok(Fields(Object::new()))
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeStructVariant, Unwritable> {
        Err(Unwritable)
    }
}

struct Items(Array);

impl ser::SerializeSeq for Items {
    type Ok = JsValue;
    type Error = Unwritable;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        self.0.push(&value.serialize(JsWriter)?);
        Ok(())
    }
    fn end(self) -> Done {
        Ok(self.0.into())
    }
}

impl ser::SerializeTuple for Items {
    type Ok = JsValue;
    type Error = Unwritable;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Done {
        Ok(self.0.into())
    }
}

struct Fields(Object);

impl ser::SerializeStruct for Fields {
    type Ok = JsValue;
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Unwritable> {
        Reflect::set(&self.0, &JsValue::from_str(key), &value.serialize(JsWriter)?).map_err(|_| Unwritable)?;
        Ok(())
    }
    fn end(self) -> Done {
        Ok(self.0.into())
    }
}
