//! Serde for a long `Vec` of coordinate pairs as one run of little-endian bytes: the open cache
//! writes all of China's points as one slice and reads them back in one copy, not one varint
//! call per number (a postcard `i32` is a varint: 5.5 × slower to read back than bytes).

use serde::de::{Error, Visitor};
use serde::{Deserializer, Serializer};

/// A number of four bytes.
pub trait Word: Copy + bytemuck::Pod {
    fn from_le(bytes: [u8; 4]) -> Self;
}

impl Word for i32 {
    fn from_le(bytes: [u8; 4]) -> Self {
        i32::from_le_bytes(bytes)
    }
}

impl Word for f32 {
    fn from_le(bytes: [u8; 4]) -> Self {
        f32::from_le_bytes(bytes)
    }
}

pub fn serialize<T: Word, S: Serializer>(pairs: &[[T; 2]], s: S) -> Result<S::Ok, S::Error> {
    if cfg!(target_endian = "little") {
        s.serialize_bytes(bytemuck::cast_slice(pairs))
    } else {
        let swapped: Vec<u8> = bytemuck::cast_slice::<[T; 2], [u8; 4]>(pairs).iter().flat_map(|w| w.iter().rev().copied()).collect();
        s.serialize_bytes(&swapped)
    }
}

pub fn deserialize<'de, T: Word, D: Deserializer<'de>>(d: D) -> Result<Vec<[T; 2]>, D::Error> {
    struct Pairs<T>(std::marker::PhantomData<T>);
    impl<'de, T: Word> Visitor<'de> for Pairs<T> {
        type Value = Vec<[T; 2]>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("bytes, eight per pair")
        }
        fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<Self::Value, E> {
            if !bytes.len().is_multiple_of(8) {
                return Err(E::invalid_length(bytes.len(), &self));
            }
            let word = |b: &[u8]| T::from_le([b[0], b[1], b[2], b[3]]);
            Ok(bytes.chunks_exact(8).map(|p| [word(&p[..4]), word(&p[4..])]).collect())
        }
    }
    d.deserialize_bytes(Pairs(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Both {
        #[serde(with = "super")]
        ints: Vec<[i32; 2]>,
        #[serde(with = "super")]
        floats: Vec<[f32; 2]>,
    }

    #[test]
    fn pairs_come_back_and_a_cut_run_is_an_error() {
        let both = Both { ints: vec![[1_164_431_980, -398_719_950], [i32::MIN, i32::MAX]], floats: vec![[1.5, -0.0], [f32::MAX, 3.25e-3]] };
        let bytes = postcard::to_allocvec(&both).unwrap();
        assert_eq!(postcard::from_bytes::<Both>(&bytes).unwrap(), both);
        // The first run's length says 16 bytes; 15 of them are not pairs.
        let mut cut = bytes.clone();
        cut[0] = 15;
        cut.remove(1);
        assert!(postcard::from_bytes::<Both>(&cut).is_err());
    }
}
