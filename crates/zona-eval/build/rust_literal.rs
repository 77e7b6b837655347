//! A serde serialiser that writes a value as the Rust expression that builds it: `Item { key:
//! s("…"), weight: Some(f64::from_bits(0x…)), … }`. The build script writes the built-in
//! criteria with it, so that a run builds them with no parsing at all (no UTF-8 checks either:
//! the strings are literals).
//!
//! Types are named as serde names them (the bare type name), and every string is `s("…")` (a
//! `String`), so the code that includes the expression has the types and an `fn s(&'static str)
//! -> String` in scope. Floats are written by their bits: exact, `-0.0` included. What the
//! expression cannot build as it was (a `&str` field, a field serde skips, a byte buffer) fails
//! to compile or to serialise, never builds something else.

use std::fmt::{self, Write as _};

use serde::ser::{self, Serialize};

/// `value` as a Rust expression.
pub fn to_rust<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut w = Writer { out: String::new() };
    value.serialize(&mut w)?;
    Ok(w.out)
}

#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl From<fmt::Error> for Error {
    fn from(_: fmt::Error) -> Self {
        Error("formatting failed".to_string())
    }
}

struct Writer {
    out: String,
}

impl Writer {
    fn put(&mut self, s: &str) -> Result<(), Error> {
        self.out.push_str(s);
        Ok(())
    }

    fn number(&mut self, n: impl fmt::Display) -> Result<(), Error> {
        write!(self.out, "{n}")?;
        Ok(())
    }
}

/// The elements of a sequence, tuple, struct or map being written, and what closes it.
struct Compound<'a> {
    w: &'a mut Writer,
    close: &'static str,
}

impl<'a> Compound<'a> {
    fn new(w: &'a mut Writer, close: &'static str) -> Self {
        Compound { w, close }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.w)?;
        self.w.put(", ")
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.w.put(key)?;
        self.w.put(": ")?;
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.w.put(self.close)
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        write!(self.out, "f32::from_bits({:#x})", v.to_bits())?;
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        write!(self.out, "f64::from_bits({:#x})", v.to_bits())?;
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        write!(self.out, "{v:?}")?;
        Ok(())
    }
    /// Every string of the model is a `String`: `s` makes it of the literal.
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write!(self.out, "s({v:?})")?;
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(Error("byte buffers are not written".to_string()))
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.put("None")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.put("Some(")?;
        value.serialize(&mut *self)?;
        self.put(")")
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.put("()")
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Error> {
        self.put(name)
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        write!(self.out, "{name}::{variant}")?;
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        write!(self.out, "{name}(")?;
        value.serialize(&mut *self)?;
        self.put(")")
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        write!(self.out, "{name}::{variant}(")?;
        value.serialize(&mut *self)?;
        self.put(")")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        self.put("vec![")?;
        Ok(Compound::new(self, "]"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Error> {
        self.put("(")?;
        Ok(Compound::new(self, ")"))
    }
    fn serialize_tuple_struct(self, name: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        write!(self.out, "{name}(")?;
        Ok(Compound::new(self, ")"))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        write!(self.out, "{name}::{variant}(")?;
        Ok(Compound::new(self, ")"))
    }
    /// Any map type the field has: `[(key, value), …]` collected.
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        self.put("IntoIterator::into_iter([")?;
        Ok(Compound::new(self, "]).collect()"))
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        write!(self.out, "{name} {{ ")?;
        Ok(Compound::new(self, "}"))
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        write!(self.out, "{name}::{variant} {{ ")?;
        Ok(Compound::new(self, "}"))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.w.put("(")?;
        key.serialize(&mut *self.w)?;
        self.w.put(", ")
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.w)?;
        self.w.put("), ")
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}
