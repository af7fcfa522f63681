//! Writes the core's serde types as plain JavaScript values: objects,
//! arrays, strings, numbers, booleans and `null` (what `JSON.parse` would
//! give, so content scripts read replies with dot access).
//!
//! The core's types only hold strings, numbers, booleans, options,
//! sequences and structs (enums serialize as strings or as `kind`-tagged
//! structs), so anything else is refused rather than guessed at.

use js_sys::{Array, Object, Reflect};
use serde::ser::{self, Serialize};
use wasm_bindgen::JsValue;

use super::Unfit;

/// `value` as a plain JS value; `null` if it holds something unwritable.
pub fn write<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value.serialize(JsWriter).unwrap_or(JsValue::NULL)
}

struct JsWriter;

type Done = Result<JsValue, Unfit>;

impl ser::Serializer for JsWriter {
    type Ok = JsValue;
    type Error = Unfit;
    type SerializeSeq = Items;
    type SerializeTuple = Items;
    type SerializeTupleStruct = ser::Impossible<JsValue, Unfit>;
    type SerializeTupleVariant = ser::Impossible<JsValue, Unfit>;
    type SerializeMap = ser::Impossible<JsValue, Unfit>;
    type SerializeStruct = Fields;
    type SerializeStructVariant = ser::Impossible<JsValue, Unfit>;

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
        Err(Unfit)
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
        Err(Unfit)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Items, Unfit> {
        Ok(Items(Array::new()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Items, Unfit> {
        Ok(Items(Array::new()))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unfit> {
        Err(Unfit)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unfit> {
        Err(Unfit)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unfit> {
        Err(Unfit)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields, Unfit> {
        Ok(Fields(Object::new()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unfit> {
        Err(Unfit)
    }
}

struct Items(Array);

impl ser::SerializeSeq for Items {
    type Ok = JsValue;
    type Error = Unfit;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unfit> {
        self.0.push(&value.serialize(JsWriter)?);
        Ok(())
    }
    fn end(self) -> Done {
        Ok(self.0.into())
    }
}

impl ser::SerializeTuple for Items {
    type Ok = JsValue;
    type Error = Unfit;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unfit> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Done {
        Ok(self.0.into())
    }
}

struct Fields(Object);

impl ser::SerializeStruct for Fields {
    type Ok = JsValue;
    type Error = Unfit;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Unfit> {
        set_field(&self.0, key, value.serialize(JsWriter)?)
    }
    fn end(self) -> Done {
        Ok(self.0.into())
    }
}

// One copy for every field of every struct: inlined, the property set and the
// drops of its temporaries were repeated in each type's serialize.
#[inline(never)]
fn set_field(object: &Object, key: &'static str, value: JsValue) -> Result<(), Unfit> {
    Reflect::set(object, &JsValue::from_str(key), &value).map(drop).map_err(|_| Unfit)
}
