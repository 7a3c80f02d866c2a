//! Serde for a long `Vec` of coordinate pairs as one run of little-endian bytes: the open cache
//! writes all of China's points as one slice and reads them back in one copy, not one varint
//! call per number (a postcard `i32` is a varint: 5.5 × slower to read back than bytes).

use serde::de::{Error, Visitor};
use serde::{Deserializer, Serializer};

/// A plain number of two or four bytes: its pairs are written as their bytes, each number
/// little-endian.
pub trait Word: bytemuck::Pod {}

impl Word for i16 {}
impl Word for i32 {}
impl Word for f32 {}

/// The bytes with each word's order reversed (native ↔ little-endian on a big-endian machine).
fn swapped<T: Word>(bytes: &[u8]) -> Vec<u8> {
    bytes.chunks_exact(size_of::<T>()).flat_map(|w| w.iter().rev().copied()).collect()
}

pub fn serialize<T: Word, S: Serializer>(pairs: &[[T; 2]], s: S) -> Result<S::Ok, S::Error> {
    let bytes: &[u8] = bytemuck::cast_slice(pairs);
    if cfg!(target_endian = "little") { s.serialize_bytes(bytes) } else { s.serialize_bytes(&swapped::<T>(bytes)) }
}

pub fn deserialize<'de, T: Word, D: Deserializer<'de>>(d: D) -> Result<Vec<[T; 2]>, D::Error> {
    struct Pairs<T>(std::marker::PhantomData<T>);
    impl<'de, T: Word> Visitor<'de> for Pairs<T> {
        type Value = Vec<[T; 2]>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            write!(f, "bytes, {} per pair", size_of::<[T; 2]>())
        }
        fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<Self::Value, E> {
            let pair = size_of::<[T; 2]>();
            if !bytes.len().is_multiple_of(pair) {
                return Err(E::invalid_length(bytes.len(), &self));
            }
            let read = |b: &[u8]| b.chunks_exact(pair).map(bytemuck::pod_read_unaligned::<[T; 2]>).collect();
            Ok(if cfg!(target_endian = "little") { read(bytes) } else { read(&swapped::<T>(bytes)) })
        }
    }
    d.deserialize_bytes(Pairs(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct All {
        #[serde(with = "super")]
        ints: Vec<[i32; 2]>,
        #[serde(with = "super")]
        floats: Vec<[f32; 2]>,
        #[serde(with = "super")]
        shorts: Vec<[i16; 2]>,
    }

    #[test]
    fn pairs_come_back_and_a_cut_run_is_an_error() {
        let all = All {
            ints: vec![[1_164_431_980, -398_719_950], [i32::MIN, i32::MAX]],
            floats: vec![[1.5, -0.0], [f32::MAX, 3.25e-3]],
            shorts: vec![[i16::MIN, i16::MAX], [-1, 258]],
        };
        let bytes = postcard::to_allocvec(&all).unwrap();
        assert_eq!(postcard::from_bytes::<All>(&bytes).unwrap(), all);
        // The first run's length says 16 bytes; 15 of them are not pairs.
        let mut cut = bytes.clone();
        cut[0] = 15;
        cut.remove(1);
        assert!(postcard::from_bytes::<All>(&cut).is_err());
        // The last run: 8 bytes, little-endian; 6 of them are not pairs of i16.
        let tail = bytes.len() - 9;
        assert_eq!(&bytes[tail..], &[8, 0x00, 0x80, 0xff, 0x7f, 0xff, 0xff, 0x02, 0x01]);
        let mut short = bytes[..tail].to_vec();
        short.extend_from_slice(&[6, 0, 0x80, 0xff, 0x7f, 0xff, 0xff]);
        assert!(postcard::from_bytes::<All>(&short).is_err());
    }
}
