//! Reader of planmap's boundary bundle (`assets/boundaries/china.arcs`, written by
//! `tools/build_china.py`): every province, prefecture and county-level unit of China as rings
//! of shared arcs, so neighbours decode the very same border coordinates.
//!
//! # Format (version 1; all integers little-endian; "varint" is unsigned LEB128; "zigzag"
//! maps a signed n to 2n, or −2n−1 when negative, before the varint)
//!
//! ```text
//! "PLANARCS"  8 bytes
//! u32 version (1)   u32 head_len   u32 data_len
//! head (head_len bytes):
//!   varint region_count, varint arc_count
//!   region_count × { varint adcode, u8 level (1 省, 2 市, 3 区县), varint parent adcode (0: none,
//!                    the parent is one level up), varint name_len, name (UTF-8),
//!                    varint polygon_count × { varint ring_count × { varint ref_count ×
//!                    zigzag arc ref } } }      first ring of a polygon: exterior (CCW); then holes (CW)
//! (arc_count + 1) × u32: byte offset of each arc in data, then data_len
//! data: per arc: varint point_count, point_count × (zigzag dx, zigzag dy) in micro-degrees,
//!       each relative to the previous point (the first to 0,0)
//! ```
//!
//! An arc ref `r ≥ 0` is arc r as stored; `r < 0` is arc `!r` reversed. A ring is its arcs
//! joined, each arc's last point being the next one's first. Coordinates are GCJ-02 lon/lat
//! (Amap's), at the 1e-6° precision Amap publishes: no detail was dropped.

use geo::{Coord, LineString, MultiPolygon, Polygon};

use crate::model::regions::Level;

const MAGIC: &[u8; 8] = b"PLANARCS";
const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArcsError {
    #[error("not a planmap boundary bundle (no PLANARCS header)")]
    Magic,
    #[error("boundary bundle version {0}; this planmap reads version {VERSION}")]
    Version(u32),
    #[error("boundary bundle is cut short at byte {0}")]
    Truncated(usize),
    #[error("boundary bundle has a bad value at byte {0}")]
    Bad(usize),
}

/// One region's record: who it is and its rings as arc refs.
#[derive(Debug, Clone)]
pub struct Record {
    pub adcode: u32,
    pub level: Level,
    /// Adcode of the region one level up (`None` for a province).
    pub parent: Option<u32>,
    pub name: String,
    /// Polygons → rings → arc refs.
    pub polygons: Vec<Vec<Vec<i64>>>,
}

/// A parsed bundle: the region records; arcs are decoded on demand.
#[derive(Debug)]
pub struct Bundle<'a> {
    pub records: Vec<Record>,
    offsets: &'a [u8],
    data: &'a [u8],
    arc_count: usize,
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ArcsError> {
        let end = self.at.checked_add(n).ok_or(ArcsError::Truncated(self.at))?;
        let s = self.bytes.get(self.at..end).ok_or(ArcsError::Truncated(self.at))?;
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, ArcsError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn varint(&mut self) -> Result<u64, ArcsError> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.at).ok_or(ArcsError::Truncated(self.at))?;
            self.at += 1;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(ArcsError::Bad(self.at))
    }
    fn zigzag(&mut self) -> Result<i64, ArcsError> {
        let n = self.varint()?;
        Ok(((n >> 1) as i64) ^ -((n & 1) as i64))
    }
    /// A count, bounded by the bytes left (each item takes at least one byte), so a corrupt
    /// count cannot ask for a huge allocation.
    fn count(&mut self) -> Result<usize, ArcsError> {
        let at = self.at;
        let n = usize::try_from(self.varint()?).map_err(|_| ArcsError::Bad(at))?;
        if n > self.bytes.len().saturating_sub(self.at) { Err(ArcsError::Bad(at)) } else { Ok(n) }
    }
}

impl<'a> Bundle<'a> {
    /// Parse the header and region table; arcs stay encoded until asked for.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, ArcsError> {
        Bundle::parse_some(bytes, |_| true)
    }

    /// `parse`, keeping only the records whose adcode `keep` wants (all are still checked): a
    /// few regions looked up without holding the index of all of China (4 MB).
    pub fn parse_some(bytes: &'a [u8], keep: impl Fn(u32) -> bool) -> Result<Self, ArcsError> {
        let mut c = Cursor { bytes, at: 0 };
        if c.take(8).map_err(|_| ArcsError::Magic)? != MAGIC {
            return Err(ArcsError::Magic);
        }
        let version = c.u32()?;
        if version != VERSION {
            return Err(ArcsError::Version(version));
        }
        let head_len = c.u32()? as usize;
        let data_len = c.u32()? as usize;
        let head_start = c.at;
        let head = c.take(head_len)?;
        let mut h = Cursor { bytes: head, at: 0 };
        let region_count = h.count()?;
        let arc_count = h.count()?;
        let mut records = Vec::new();
        for _ in 0..region_count {
            let at = head_start + h.at;
            let adcode = u32::try_from(h.varint()?).map_err(|_| ArcsError::Bad(at))?;
            let level = match h.take(1)? {
                [1] => Level::Province,
                [2] => Level::City,
                [3] => Level::County,
                _ => return Err(ArcsError::Bad(head_start + h.at - 1)),
            };
            let parent = u32::try_from(h.varint()?).map_err(|_| ArcsError::Bad(at))?;
            let name_len = h.count()?;
            let name = std::str::from_utf8(h.take(name_len)?).map_err(|_| ArcsError::Bad(at))?.to_string();
            let mut polygons = Vec::new();
            for _ in 0..h.count()? {
                let mut rings = Vec::new();
                for _ in 0..h.count()? {
                    let mut refs = Vec::new();
                    for _ in 0..h.count()? {
                        let r_at = head_start + h.at;
                        let r = h.zigzag()?;
                        let index = if r < 0 { !r } else { r };
                        if index as u64 >= arc_count as u64 {
                            return Err(ArcsError::Bad(r_at));
                        }
                        refs.push(r);
                    }
                    rings.push(refs);
                }
                polygons.push(rings);
            }
            if keep(adcode) {
                records.push(Record { adcode, level, parent: (parent != 0).then_some(parent), name, polygons });
            }
        }
        let offsets = c.take((arc_count + 1) * 4)?;
        let data = c.take(data_len)?;
        Ok(Bundle { records, offsets, data, arc_count })
    }

    pub fn arc_count(&self) -> usize {
        self.arc_count
    }

    fn offset(&self, i: usize) -> Result<usize, ArcsError> {
        let b = self.offsets.get(i * 4..i * 4 + 4).ok_or(ArcsError::Bad(i))?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    /// Arc `index` in micro-degrees, as stored (not reversed).
    pub fn arc(&self, index: usize) -> Result<Vec<[i64; 2]>, ArcsError> {
        let (start, end) = (self.offset(index)?, self.offset(index + 1)?);
        let bytes = self.data.get(start..end).ok_or(ArcsError::Bad(start))?;
        let mut c = Cursor { bytes, at: 0 };
        let n = c.count()?;
        let (mut x, mut y) = (0i64, 0i64);
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            x += c.zigzag()?;
            y += c.zigzag()?;
            out.push([x, y]);
        }
        Ok(out)
    }

    /// A ring of arc refs as closed micro-degree coordinates.
    pub fn ring(&self, refs: &[i64]) -> Result<Vec<[i64; 2]>, ArcsError> {
        let mut out: Vec<[i64; 2]> = Vec::new();
        for &r in refs {
            let mut pts = self.arc(if r < 0 { !r } else { r } as usize)?;
            if r < 0 {
                pts.reverse();
            }
            out.pop(); // the previous arc's last point is this arc's first
            out.extend(pts);
        }
        Ok(out)
    }

    /// The record's (multi)polygon in lon/lat degrees.
    pub fn geometry(&self, record: &Record) -> Result<MultiPolygon<f64>, ArcsError> {
        let deg = |p: &[i64; 2]| Coord { x: p[0] as f64 / 1e6, y: p[1] as f64 / 1e6 };
        let mut polygons = Vec::with_capacity(record.polygons.len());
        for rings in &record.polygons {
            let mut lines = Vec::with_capacity(rings.len());
            for refs in rings {
                lines.push(LineString(self.ring(refs)?.iter().map(deg).collect()));
            }
            let mut lines = lines.into_iter();
            if let Some(exterior) = lines.next() {
                polygons.push(Polygon::new(exterior, lines.collect()));
            }
        }
        Ok(MultiPolygon(polygons))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bytes_are_errors_not_panics() {
        assert_eq!(Bundle::parse(b"").err(), Some(ArcsError::Magic));
        assert_eq!(Bundle::parse(b"PLANARCS\x02\0\0\0").err(), Some(ArcsError::Version(2)));
        assert!(matches!(Bundle::parse(b"PLANARCS\x01\0\0\0\xff\xff\xff\x7f\0\0\0\0"), Err(ArcsError::Truncated(_))));
        // A huge region count in a tiny head.
        assert!(matches!(Bundle::parse(b"PLANARCS\x01\0\0\0\x03\0\0\0\0\0\0\0\xff\xff\x7f"), Err(ArcsError::Bad(_))));
    }
}
