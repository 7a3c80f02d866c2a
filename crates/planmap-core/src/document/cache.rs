//! The open cache: a large boundary file's features and scene, kept in the user's cache folder
//! after the first open so that the next open of the same content skips parsing, projecting
//! and simplifying (all of China: 620 ms of work on two cores → the time to read two files).
//!
//! An entry is found by the file's path and checked against its content: the file is hashed
//! (XXH3-128) while the entry is read, and used only when the hashes agree, the entry was
//! written by this version of planmap in this format, and its body's own hash (XXH3-64) is
//! right. Anything else (another version, a torn write, a changed file, a damaged or foreign
//! file in the folder) is a miss: the file is read as if there were no cache, and the entry
//! written anew. Entries live only in planmap's own folder (`PLANMAP_CACHE_DIR`, else the
//! system's cache folder + `planmap`); `PLANMAP_CACHE_DIR=off` turns the cache off. The newest
//! `KEEP` entries are kept.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use xxhash_rust::xxh3::xxh3_64;

use crate::model::{Boundaries, Diagnostic, Feature};
use crate::scene::{Scene, SceneParts};

/// Files from this size on are cached: smaller ones open in well under the time a cache saves.
pub const MIN_BYTES: u64 = 8 << 20;

/// Entries kept (a country-wide file's entry is about 1.4 times the file).
const KEEP: usize = 4;

const MAGIC: &[u8; 8] = b"PMCACHE\0";

/// The encoding of an entry's body: raise it whenever `Feature`, `SceneParts` or how a scene's
/// levels are made changes, so that no entry of the old making is ever read.
const FORMAT: u32 = 6;

const EXTENSION: &str = "pmcache";

/// What an entry holds: the boundaries as read, the notes reading them gave, the scene, and
/// each feature's neighbours when the palette had found them (a plain file coloured by a field).
///
/// The body is two parts, each with its own hash, decoded on two cores at once: the
/// boundaries (with the notes and neighbours), then the scene.
#[derive(Deserialize)]
struct Boundary {
    features: Vec<Feature>,
    diagnostics: Vec<Diagnostic>,
    neighbours: Option<Vec<Vec<usize>>>,
}

/// An open from the cache: everything `Document::open_with` would have made.
pub struct Cached {
    pub boundaries: Boundaries,
    pub diagnostics: Vec<Diagnostic>,
    pub scene: Scene,
    pub neighbours: Option<Vec<Vec<usize>>>,
}

/// The fixed part before the body, checked before the body is decoded.
struct Header {
    source_len: u64,
    source_hash: u128,
    /// Bytes of the first part (the boundaries); the scene follows it to the end.
    first_len: u64,
    first_hash: u64,
    second_hash: u64,
}

/// A folder set by the program itself (`planmap bench` measures with and without a cache).
static DIR_OVERRIDE: std::sync::Mutex<Option<Option<PathBuf>>> = std::sync::Mutex::new(None);

/// Use `dir` (None: no cache) from now on in this process, whatever the environment says.
pub fn override_dir(dir: Option<PathBuf>) {
    if let Ok(mut d) = DIR_OVERRIDE.lock() {
        *d = Some(dir);
    }
}

/// The cache folder in force, or None when the cache is off.
pub fn dir() -> Option<PathBuf> {
    if let Some(set) = DIR_OVERRIDE.lock().ok().and_then(|d| d.clone()) {
        return set;
    }
    match std::env::var_os("PLANMAP_CACHE_DIR") {
        Some(v) if v == "off" || v.is_empty() => None,
        Some(v) => Some(PathBuf::from(v)),
        None => dirs::cache_dir().map(|d| d.join("planmap")),
    }
}

/// The entry of `source` (opened with or without the geometry checks) in `dir`: named by a hash
/// of the file's full path, so each file has one entry, replaced when its content changes.
fn entry_path(dir: &Path, source: &Path, geometry_checks: bool) -> PathBuf {
    let full = dunce::canonicalize(source).unwrap_or_else(|_| source.to_path_buf());
    let key = format!("{}\n{geometry_checks}", full.display());
    dir.join(format!("{:016x}.{EXTENSION}", xxh3_64(key.as_bytes())))
}

/// Whether `source` is a file the cache is for: a one-file boundary format (GeoJSON,
/// FlatGeobuf; a Shapefile's content is spread over several files) of at least `MIN_BYTES`.
fn cacheable(source: &Path, min_bytes: u64) -> Option<u64> {
    let shapefile = source.extension().is_some_and(|e| e.eq_ignore_ascii_case("shp"));
    if !crate::io::is_boundary_file(source) || shapefile {
        return None;
    }
    let len = std::fs::metadata(source).ok().filter(|m| m.is_file())?.len();
    (len >= min_bytes).then_some(len)
}

/// Length and hash of the file's content, read a MiB at a time (no copy of a large file is
/// held); None past the size limit planmap reads.
fn hash_of(source: &Path) -> Option<(u64, u128)> {
    use std::io::Read;
    let mut file = std::fs::File::open(source).ok().filter(|f| f.metadata().is_ok_and(|m| m.is_file()))?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut len = 0u64;
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(buf.get(..n)?);
                len += n as u64;
                if len > crate::io::read::max_file_bytes() {
                    return None;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some((len, hasher.digest128()))
}

/// The features, notes and scene of `source` from the cache in `dir`, when there is a right
/// entry for its present content. The entry is decoded as it is read (no copy of it is held:
/// a country's entry is 120 MB) while another core hashes the file; a body whose hash or
/// source turns out wrong is thrown away.
pub fn load(dir: &Path, source: &Path, geometry_checks: bool, min_bytes: u64) -> Option<Cached> {
    let len = cacheable(source, min_bytes)?;
    let entry = entry_path(dir, source, geometry_checks);
    // No entry, or one larger than any this file makes: nothing to read (and no hashing).
    std::fs::metadata(&entry).ok().filter(|m| m.is_file() && m.len() <= 4 * len + (1 << 20))?;
    let header = std::fs::File::open(&entry).ok().as_mut().and_then(read_header)?;
    let (entry, first_len) = (&entry, header.first_len);
    let (hashed, first, second) = std::thread::scope(|s| {
        let hashing = s.spawn(|| hash_of(source));
        let first = s.spawn(move || decode::<Boundary>(entry, HEADER_LEN, Some(first_len), len));
        let second = HEADER_LEN.checked_add(first_len).and_then(|start| decode::<SceneParts>(entry, start, None, len));
        (hashing.join().ok().flatten(), first.join().ok().flatten(), second)
    });
    let (source_len, source_hash) = hashed?;
    let ((body, first_hash), (scene, second_hash)) = (first?, second?);
    if header.source_len != source_len || header.source_hash != source_hash || first_hash != header.first_hash || second_hash != header.second_hash {
        return None;
    }
    let n = body.features.len();
    if body.neighbours.as_ref().is_some_and(|all| all.len() != n || all.iter().flatten().any(|&k| k >= n)) {
        return None;
    }
    let boundaries = Boundaries { features: body.features };
    let scene = Scene::from_parts(&boundaries, scene)?;
    // The notes name the file as it is opened now.
    let diagnostics = body.diagnostics.into_iter().map(|d| Diagnostic { file: source.to_path_buf(), ..d }).collect();
    Some(Cached { boundaries, diagnostics, scene, neighbours: body.neighbours })
}

/// Decode a part of `entry`: from byte `start`, `len` bytes (or to the end), hashing them.
/// None unless the part decodes exactly. `text_room`: the longest text the part can hold.
fn decode<T: serde::de::DeserializeOwned>(entry: &Path, start: u64, len: Option<u64>, text_room: u64) -> Option<(T, u64)> {
    use std::io::{Read, Seek};
    let mut file = std::fs::File::open(entry).ok()?;
    file.seek(std::io::SeekFrom::Start(start)).ok()?;
    let part = file.take(len.unwrap_or(u64::MAX));
    let mut reader = std::io::BufReader::with_capacity(1 << 20, Hashing { inner: part, hasher: xxhash_rust::xxh3::Xxh3::new() });
    // Room for the text (names, properties), touched only as used: no text in an entry is
    // longer than the file it was read from.
    let mut scratch = vec![0u8; usize::try_from(text_room).ok()?];
    let (value, (reader, _)) = postcard::from_io::<T, _>((&mut reader, &mut scratch)).ok()?;
    // Nothing after the part.
    if reader.read(&mut [0u8; 1]).ok()? != 0 {
        return None;
    }
    Some((value, reader.get_ref().hasher.digest()))
}

/// A reader or writer that hashes what passes through it.
struct Hashing<T> {
    inner: T,
    hasher: xxhash_rust::xxh3::Xxh3,
}

impl<R: std::io::Read> std::io::Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}

impl<W: std::io::Write> std::io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Bytes of the header: magic, format, planmap's version, the source's length and hash, the
/// first part's length and hash, the second part's hash.
const HEADER_LEN: u64 = (8 + 4 + 2 + env!("CARGO_PKG_VERSION").len() + 8 + 16 + 8 + 8 + 8) as u64;

/// Where the parts' length and hashes are in the header (written last, once the parts are).
const PARTS_AT: u64 = HEADER_LEN - 24;

/// The header; None when it is not one this planmap writes.
fn read_header(r: &mut std::fs::File) -> Option<Header> {
    use std::io::Read;
    let mut bytes = vec![0u8; usize::try_from(HEADER_LEN).ok()?];
    r.read_exact(&mut bytes).ok()?;
    let ours = env!("CARGO_PKG_VERSION").as_bytes();
    let mut rest = bytes.strip_prefix(MAGIC)?;
    let mut take = |n: usize| {
        let (head, tail) = rest.split_at_checked(n)?;
        rest = tail;
        Some(head)
    };
    let (format, version_len, version) = (take(4)?, take(2)?, take(ours.len())?);
    if format != FORMAT.to_le_bytes() || version_len != u16::try_from(ours.len()).ok()?.to_le_bytes() || version != ours {
        return None;
    }
    let u64_of = |b: &[u8]| b.try_into().ok().map(u64::from_le_bytes);
    let source_len = u64_of(take(8)?)?;
    let source_hash = u128::from_le_bytes(take(16)?.try_into().ok()?);
    let (first_len, first_hash, second_hash) = (u64_of(take(8)?)?, u64_of(take(8)?)?, u64_of(take(8)?)?);
    Some(Header { source_len, source_hash, first_len, first_hash, second_hash })
}

/// Write the entry of `source` (as `load` reads it) into `dir`, then drop the oldest entries
/// beyond `KEEP`. The file is hashed again here; the entry is kept only when the file did not
/// change meanwhile (its modification stamp before and after). The body is encoded straight
/// into a temporary file (no copy in memory), which is renamed into place when whole. Errors
/// leave no entry (a full disk, a read-only folder): the cache only ever saves time.
pub fn store(dir: &Path, source: &Path, geometry_checks: bool, min_bytes: u64, what: Entry<'_>) -> Option<PathBuf> {
    use std::io::{Seek, Write};
    cacheable(source, min_bytes)?;
    let stamp = || std::fs::metadata(source).ok().and_then(|m| Some((m.modified().ok()?, m.len())));
    let before = stamp()?;
    let (source_len, source_hash) = hash_of(source)?;
    std::fs::create_dir_all(dir).ok()?;
    let entry = entry_path(dir, source, geometry_checks);
    let name = entry.file_name()?.to_string_lossy().into_owned();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&tmp).ok()?;
        let version = env!("CARGO_PKG_VERSION").as_bytes();
        let mut header = Vec::with_capacity(64);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&FORMAT.to_le_bytes());
        header.extend_from_slice(&u16::try_from(version.len()).ok()?.to_le_bytes());
        header.extend_from_slice(version);
        header.extend_from_slice(&source_len.to_le_bytes());
        header.extend_from_slice(&source_hash.to_le_bytes());
        header.extend_from_slice(&[0u8; 24]); // the parts' length and hashes, once known
        file.write_all(&header).ok()?;
        let part = |value: &dyn erased::Part, file: &mut std::fs::File| -> Option<u64> {
            let mut out = std::io::BufWriter::with_capacity(1 << 20, Hashing { inner: file, hasher: xxhash_rust::xxh3::Xxh3::new() });
            value.write(&mut out)?;
            out.flush().ok()?;
            let hash = out.get_ref().hasher.digest();
            Some(hash)
        };
        let first = (what.features, what.diagnostics, what.neighbours);
        let first_hash = part(&first, &mut file)?;
        let first_len = file.stream_position().ok()?.checked_sub(HEADER_LEN)?;
        let second_hash = part(&what.scene, &mut file)?;
        file.seek(std::io::SeekFrom::Start(PARTS_AT)).ok()?;
        for v in [first_len, first_hash, second_hash] {
            file.write_all(&v.to_le_bytes()).ok()?;
        }
        (stamp()? == before).then_some(())
    })();
    if written.is_none() || std::fs::rename(&tmp, &entry).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return None;
    }
    prune(dir, KEEP);
    Some(entry)
}

/// A part written with postcard, whatever its type.
mod erased {
    pub trait Part {
        fn write(&self, out: &mut dyn std::io::Write) -> Option<()>;
    }
    impl<T: serde::Serialize> Part for T {
        fn write(&self, out: &mut dyn std::io::Write) -> Option<()> {
            postcard::to_io(self, out).ok().map(|_| ())
        }
    }
}

/// What `store` writes (the parts that `load` reads, borrowed).
pub struct Entry<'a> {
    pub features: &'a [Feature],
    pub diagnostics: &'a [Diagnostic],
    pub scene: SceneParts,
    pub neighbours: Option<&'a [Vec<usize>]>,
}

/// Keep the `keep` newest entries in `dir` (only planmap's own entries are ever removed).
fn prune(dir: &Path, keep: usize) {
    let Ok(list) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<(std::time::SystemTime, PathBuf)> = list
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == EXTENSION))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (_, old) in entries.into_iter().skip(keep) {
        let _ = std::fs::remove_file(old);
    }
}

/// Write the entry on a thread of its own (the window shows the map meanwhile).
pub fn store_in_background(
    source: &Path,
    geometry_checks: bool,
    boundaries: Arc<Boundaries>,
    diagnostics: Vec<Diagnostic>,
    scene: SceneParts,
    neighbours: Option<Arc<Vec<Vec<usize>>>>,
) {
    let Some(dir) = dir() else { return };
    if cacheable(source, MIN_BYTES).is_none() {
        return;
    }
    let source = source.to_path_buf();
    let _ = std::thread::Builder::new().name("planmap-cache".into()).spawn(move || {
        let what = Entry { features: &boundaries.features, diagnostics: &diagnostics, scene, neighbours: neighbours.as_deref().map(Vec::as_slice) };
        store(&dir, &source, geometry_checks, MIN_BYTES, what)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::palette;

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("planmap-cache-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    /// A copy of the bundled Baoji boundaries under `dir`, read and built as the window does.
    fn source(dir: &Path) -> (PathBuf, Boundaries, Vec<Diagnostic>, Scene, Vec<Vec<usize>>) {
        let path = dir.join("counties.geojson");
        std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/boundaries/baoji.geojson"), &path).unwrap();
        let opts = crate::io::ReadOptions { skip_geometry_warnings: true, ..Default::default() };
        let (b, diags) = crate::io::load_boundaries_with(&path, &opts);
        let b = b.unwrap();
        let scene = Scene::build(&b);
        let neighbours = palette::neighbours(&b);
        (path, b, diags, scene, neighbours)
    }

    fn keep(dir: &Path, path: &Path, b: &Boundaries, diags: &[Diagnostic], scene: &Scene, neighbours: &[Vec<usize>]) -> PathBuf {
        store(dir, path, false, 0, Entry { features: &b.features, diagnostics: diags, scene: scene.parts(), neighbours: Some(neighbours) }).expect("written")
    }

    #[test]
    fn an_entry_gives_back_what_the_open_made() {
        let dir = temp("same");
        let (path, b, diags, scene, neighbours) = source(&dir);
        let cache = dir.join("cache");
        keep(&cache, &path, &b, &diags, &scene, &neighbours);
        let c = load(&cache, &path, false, 0).expect("the entry is used");
        assert_eq!(c.boundaries.features.len(), b.features.len());
        for (a, z) in c.boundaries.features.iter().zip(&b.features) {
            assert_eq!((&a.adcode, &a.name, &a.properties, &a.geometry), (&z.adcode, &z.name, &z.properties, &z.geometry));
        }
        assert_eq!(c.diagnostics, diags);
        assert_eq!(c.neighbours.as_deref(), Some(neighbours.as_slice()));
        assert_eq!((c.scene.bounds, &c.scene.islands), (scene.bounds, &scene.islands));
        for (a, z) in c.scene.shapes.iter().zip(&scene.shapes) {
            assert_eq!((a.bbox, a.label_at, &a.part_bounds, a.levels.len()), (z.bbox, z.label_at, &z.part_bounds, z.levels.len()));
            for (la, lz) in a.levels.iter().zip(&z.levels) {
                assert_eq!((la.tolerance, la.rings()), (lz.tolerance, lz.rings()));
            }
        }
        // Picking (its index made anew) answers as before, inside and outside every county.
        let [x0, y0, x1, y1] = scene.bounds;
        for k in 0..400 {
            let at = [x0 + (x1 - x0) * f64::from(k % 20) / 19.0, y0 + (y1 - y0) * f64::from(k / 20) / 19.0];
            assert_eq!(c.scene.pick(at), scene.pick(at), "{at:?}");
        }
        // Another option (with the geometry checks) has an entry of its own: none yet.
        assert!(load(&cache, &path, true, 0).is_none());
        // Below the size the cache is for: not read.
        assert!(load(&cache, &path, false, MIN_BYTES).is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_changed_file_is_read_again() {
        let dir = temp("changed");
        let (path, b, diags, scene, neighbours) = source(&dir);
        let cache = dir.join("cache");
        keep(&cache, &path, &b, &diags, &scene, &neighbours);
        assert!(load(&cache, &path, false, 0).is_some());
        // One digit of one coordinate, the length unchanged.
        let text = std::fs::read_to_string(&path).unwrap();
        let at = text.find("107.").expect("a coordinate");
        let changed = format!("{}108.{}", &text[..at], &text[at + 4..]);
        assert_eq!(changed.len(), text.len());
        std::fs::write(&path, &changed).unwrap();
        assert!(load(&cache, &path, false, 0).is_none(), "the content changed: the entry is not used");
        std::fs::write(&path, &text).unwrap();
        assert!(load(&cache, &path, false, 0).is_some(), "the same content again: used");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Damaged, torn, foreign or forged entries are misses: nothing panics, nothing large is
    /// allocated on a length read from the entry.
    #[test]
    fn a_damaged_entry_is_a_miss() {
        let dir = temp("damaged");
        let (path, b, diags, scene, neighbours) = source(&dir);
        let cache = dir.join("cache");
        let entry = keep(&cache, &path, &b, &diags, &scene, &neighbours);
        let good = std::fs::read(&entry).unwrap();
        let mut cases: Vec<Vec<u8>> = vec![Vec::new(), b"PMCACHE\0".to_vec(), good[..good.len() / 2].to_vec(), good[..40].to_vec()];
        for at in [0, 9, 13, 20, 40, good.len() / 3, good.len() - 1] {
            let mut bad = good.clone();
            bad[at] ^= 0x5a;
            cases.push(bad);
        }
        // Parts whose hashes are right but which claim 2^60 features and 2^60 shapes.
        let forged_part = [0x80u8, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10];
        let mut forged = good[..PARTS_AT as usize].to_vec();
        for v in [forged_part.len() as u64, xxh3_64(&forged_part), xxh3_64(&forged_part)] {
            forged.extend_from_slice(&v.to_le_bytes());
        }
        forged.extend_from_slice(&forged_part);
        forged.extend_from_slice(&forged_part);
        cases.push(forged);
        // The parts' length pointing past the end, and at zero.
        for first_len in [u64::MAX - 8, 0] {
            let mut bad = good.clone();
            bad[PARTS_AT as usize..PARTS_AT as usize + 8].copy_from_slice(&first_len.to_le_bytes());
            cases.push(bad);
        }
        for (k, bytes) in cases.iter().enumerate() {
            std::fs::write(&entry, bytes).unwrap();
            assert!(load(&cache, &path, false, 0).is_none(), "case {k}");
        }
        std::fs::write(&entry, &good).unwrap();
        assert!(load(&cache, &path, false, 0).is_some(), "the good entry back");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn only_the_newest_entries_are_kept_and_nothing_else_is_touched() {
        let dir = temp("prune");
        let now = std::time::SystemTime::now();
        for k in 0..7u64 {
            let f = std::fs::File::create(dir.join(format!("{k:016x}.{EXTENSION}"))).unwrap();
            f.set_modified(now - std::time::Duration::from_secs(60 * k)).unwrap();
        }
        std::fs::write(dir.join("notes.txt"), "mine").unwrap();
        prune(&dir, 4);
        let mut left: Vec<String> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        let want: Vec<String> = (0..4u64).map(|k| format!("{k:016x}.{EXTENSION}")).chain(["notes.txt".to_string()]).collect();
        assert_eq!(left, want);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
