//! Reading a user's file safely: only regular files (a FIFO would block for ever, `/dev/zero`
//! never ends, a folder is not a file), at most a documented size, read once into one buffer.
//! Every reader of user files (layouts, GeoJSON, other formats) goes through `read_limited`.

use std::io::{Read, Seek};
use std::path::Path;

use crate::model::{Diagnostic, Severity};

/// The default largest file read: 512 MiB, over five times all of China's counties as GeoJSON
/// (91 MiB), and small enough that reading, parsing and drawing the worst such file fits in
/// 2 GB of memory. `PLANMAP_MAX_FILE_MB` changes it.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 512 << 20;

/// The largest layout (.toml) read: real layouts are tens of kilobytes; 16 MiB leaves room for
/// any plan while a runaway file (a 10 MB title) stays cheap to reject.
pub const MAX_LAYOUT_BYTES: u64 = 16 << 20;

/// The largest .dbf read beside a Shapefile: every county of China with fifty 254-character
/// fields is 36 MiB; real tables are a few hundred KiB.
pub const MAX_DBF_BYTES: u64 = 64 << 20;

/// The largest .prj read: a WKT coordinate system is under 2 KiB.
pub const MAX_PRJ_BYTES: u64 = 64 << 10;

/// The largest .cpg read: it names a code page in a few bytes ("UTF-8", "936").
pub const MAX_CPG_BYTES: u64 = 1 << 10;

/// The largest plan text (.txt or .docx) read: a 300-page plan is a few MiB.
pub const MAX_PLAN_BYTES: u64 = 64 << 20;

/// The largest part of a .docx inflated (word/document.xml): a 300-page plan's is about 10 MiB.
pub const MAX_DOCX_XML_BYTES: u64 = 256 << 20;

/// The largest optional part of a .docx inflated (numbering.xml, styles.xml): a few hundred KiB in
/// real documents.
pub const MAX_DOCX_PART_BYTES: u64 = 16 << 20;

/// The size limit in force: `PLANMAP_MAX_FILE_MB` (mebibytes) if set to a number, else the
/// default.
pub fn max_file_bytes() -> u64 {
    std::env::var("PLANMAP_MAX_FILE_MB").ok().and_then(|v| v.trim().parse::<u64>().ok()).map_or(DEFAULT_MAX_FILE_BYTES, |mb| mb.saturating_mul(1 << 20))
}

fn mib(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} bytes"),
        1024..0x10_0000 => format!("{:.1} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MiB", bytes as f64 / f64::from(1u32 << 20)),
    }
}

/// What a path is when it is not a regular file, for the message.
fn not_regular(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Read a whole regular file of at most `limit` bytes (`open_limited`), refusing one that
/// grows past the limit while being read.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, Diagnostic> {
    let (file, meta_len) = open_limited(path, limit)?;
    let fail = |why: String| Diagnostic::file(Severity::Error, path, why);
    let io_fail = |e: std::io::Error| fail(format!("cannot read file: {e}"));
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(usize::try_from(meta_len).unwrap_or(0)).map_err(|_| fail(format!("not enough memory to read {}", mib(meta_len))))?;
    if meta_len >= PARALLEL_READ_BYTES {
        // The room is there (just reserved); a zeroed buffer of that size comes from the system
        // untouched, so each half's pages are first touched by the thread that fills them.
        drop(bytes);
        bytes = vec![0u8; usize::try_from(meta_len).unwrap_or(0)];
        read_in_halves(&file, &mut bytes).map_err(io_fail)?;
        (&file).seek(std::io::SeekFrom::Start(bytes.len() as u64)).map_err(io_fail)?;
    }
    // The rest (all of a small file; what a big one grew by since its size was taken).
    let left = limit.saturating_add(1).saturating_sub(bytes.len() as u64);
    (&file).take(left).read_to_end(&mut bytes).map_err(io_fail)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(path, bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// A regular file of at most `limit` bytes, opened, with its size: refuses folders, pipes,
/// devices and sockets before opening them (opening a FIFO blocks until a writer comes). The
/// reader still stops at the limit: a file may grow while it is read.
pub fn open_limited(path: &Path, limit: u64) -> Result<(std::fs::File, u64), Diagnostic> {
    let fail = |why: String| Diagnostic::file(Severity::Error, path, why);
    let io_fail = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => fail("file not found".into()),
        _ => fail(format!("cannot read file: {e}")),
    };
    let meta = std::fs::metadata(path).map_err(io_fail)?;
    if let Some(what) = not_regular(&meta) {
        return Err(fail(format!("is {what}, not a regular file: planmap reads only regular files")));
    }
    if meta.len() > limit {
        return Err(too_big(path, meta.len(), limit));
    }
    let file = std::fs::File::open(path).map_err(io_fail)?;
    // The path may have been swapped between the two looks: check what was opened.
    if let Some(what) = file.metadata().ok().as_ref().and_then(not_regular) {
        return Err(fail(format!("is {what}, not a regular file: planmap reads only regular files")));
    }
    Ok((file, meta.len()))
}

/// A file of `size` bytes (or more, when it grew while read) is over `limit`.
fn too_big(path: &Path, size: u64, limit: u64) -> Diagnostic {
    // The general limit can be raised; the fixed ones (a .prj, a .cpg, a plan) are sized to real files.
    let how = if limit == max_file_bytes() { " (set PLANMAP_MAX_FILE_MB to raise the limit)" } else { " for this kind of file" };
    let size = if size > limit { mib(size) } else { format!("over {}", mib(limit)) };
    Diagnostic::file(Severity::Error, path, format!("is {size}, larger than the {} planmap reads{how}", mib(limit)))
}

/// Files from this size on are read by two threads, each its half: copying a country-wide file
/// out of the page cache, and the first touch of the pages it goes to, was a sixth of an export.
const PARALLEL_READ_BYTES: u64 = 16 << 20;

/// Fill `bytes` from the start of `file`, its two halves at once; shortened to what was read
/// when the file turns out shorter than its size said.
fn read_in_halves(file: &std::fs::File, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    let half = bytes.len() / 2;
    let (a, b) = bytes.split_at_mut(half);
    let (got_a, got_b) = std::thread::scope(|s| {
        let first = s.spawn(|| read_at_most(file, a, 0));
        let second = read_at_most(file, b, half as u64);
        (first.join().unwrap_or_else(|_| Err(std::io::Error::other("reading thread stopped"))), second)
    });
    let (got_a, got_b) = (got_a?, got_b?);
    bytes.truncate(if got_a < half { got_a } else { half + got_b });
    Ok(())
}

/// Fill `buf` from `offset` on; the bytes read (fewer at the end of the file).
fn read_at_most(file: &std::fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    let mut done = 0;
    while let Some(rest) = buf.get_mut(done..).filter(|r| !r.is_empty()) {
        #[cfg(unix)]
        let n = std::os::unix::fs::FileExt::read_at(file, rest, offset + done as u64);
        #[cfg(windows)]
        let n = std::os::windows::fs::FileExt::seek_read(file, rest, offset + done as u64);
        match n {
            Ok(0) => break,
            Ok(n) => done += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(done)
}

/// Read a UTF-8 text file of at most `limit` bytes (a leading byte-order mark is dropped, in
/// place). Not found, not a regular file, too large and invalid UTF-8 are diagnostics.
pub fn read_text_limited(path: &Path, limit: u64) -> Result<String, Diagnostic> {
    let mut bytes = read_limited(path, limit)?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(e.as_bytes().get(..at).unwrap_or_default());
        Diagnostic::at(Severity::Error, path, &valid, at, "invalid UTF-8: save the file as UTF-8 (GBK and other encodings are not read)")
    })
}

/// `read_text_limited` with the limit in force (`max_file_bytes`).
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    read_text_limited(path, max_file_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_refused_by_name() {
        let d = read_limited(Path::new("."), 1 << 20).unwrap_err();
        assert!(d.message.contains("a folder"), "{d}");
    }

    /// A file read in two halves at once is the file, byte for byte (odd length, a pattern
    /// that shows any misplaced block), and the size limit still holds.
    #[test]
    fn a_large_file_read_in_halves_is_the_file() {
        let dir = std::env::temp_dir().join(format!("planmap-read-halves-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("large.geojson");
        let len = PARALLEL_READ_BYTES as usize + 12_345;
        let data: Vec<u8> = (0..len).map(|i| (i % 251) as u8 ^ (i / 4096) as u8).collect();
        std::fs::write(&f, &data).unwrap();
        assert!(read_limited(&f, len as u64).unwrap() == data);
        let d = read_limited(&f, len as u64 - 1).unwrap_err();
        assert!(d.message.contains("larger than"), "{d}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_over_the_limit_is_refused_without_reading_it() {
        let dir = std::env::temp_dir().join(format!("planmap-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("big.geojson");
        // Sparse: 3 GiB on the size, nothing on the disk.
        std::fs::File::create(&f).unwrap().set_len(3 << 30).unwrap();
        let d = read_limited(&f, 1 << 20).unwrap_err();
        assert!(d.message.contains("3072.0 MiB") && d.message.contains("than the 1.0 MiB"), "{d}");
        std::fs::write(&f, "\u{feff}{}").unwrap();
        assert_eq!(read_text_limited(&f, 1 << 20).unwrap(), "{}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
