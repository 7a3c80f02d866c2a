//! A large FeatureCollection parsed as it is read: this thread reads a block at a time and
//! cuts the "features" array into batches of whole features (a skim of strings and braces),
//! while the other cores parse the batches. No copy of the file is held — all of China is
//! 91 MB of text, its geometry 34 MB — and messages keep the file's lines and columns.
//!
//! Whatever this reader is not sure of (a feature that is not an object or not valid JSON, a
//! duplicate key, bytes that are not UTF-8, not a FeatureCollection, a file cut short) makes it
//! give up: the whole-file reader then reports the problem where it is.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};

use super::super::json::{self, Json};
use super::{Reader, conclude};
use crate::io::progress::{Counter, Progress, Stage};
use crate::model::{Boundaries, Diagnostic, Feature, LineIndex};

/// Bytes read at a time (more when one feature is longer).
const BLOCK: usize = 4 << 20;

/// Bytes of features handed to a parsing thread at a time: small enough that the threads
/// share the work evenly, large enough that handing over costs nothing.
const BATCH: usize = 1 << 20;

/// The boundaries (None on an error) and the messages.
type Parsed = (Option<Boundaries>, Vec<Diagnostic>);

/// The features of `source` (`size` bytes, its text as `read_text` gives it), or None when
/// this reader gives up. Cancelled, it gives nothing (and no message).
pub(super) fn parse(source: impl Read, size: u64, file: &Path, geometry_budget: usize, progress: &Progress) -> Option<Parsed> {
    parse_in(source, size, file, geometry_budget, progress, (BLOCK, BATCH))
}

/// Whole features of the array, with where the first one stands in the file.
struct Batch {
    /// The number of its first feature (1-based).
    first: usize,
    text: String,
    /// Line and column of the text's first byte.
    origin: (usize, usize),
    items: Vec<std::ops::Range<usize>>,
}

/// A batch parsed: its features (with their lines and columns) and messages.
struct Done {
    features: Vec<((usize, usize), Feature)>,
    out: Vec<Diagnostic>,
    more_errors: usize,
    more_warnings: usize,
}

pub(super) fn parse_in(source: impl Read, size: u64, file: &Path, geometry_budget: usize, progress: &Progress, (block, batch): (usize, usize)) -> Option<Parsed> {
    let mut text = Text { source, limit: super::super::max_file_bytes(), read: 0, buf: Vec::new(), at: 0, ended: false, counted: 0, line: 1, col: 1, block };
    text.more()?;
    if text.buf.starts_with(b"\xEF\xBB\xBF") {
        text.buf.drain(..3);
    }
    // The top-level object's members up to the array (usually a few: "type", "name", "crs").
    let array = loop {
        if let Some(a) = json::member_array_start(&text.buf, "features") {
            break a;
        }
        if !text.more()? {
            return None;
        }
    };
    let head = std::str::from_utf8(text.buf.get(..array)?).ok()?.to_string();
    let total = usize::try_from(size).unwrap_or(usize::MAX).max(1);
    let budget = usize::try_from(super::super::max_file_bytes()).unwrap_or(usize::MAX);
    let share = |limit: usize, bytes: usize| (limit as f64 * bytes as f64 / total as f64) as usize;
    let counter = Counter::new(progress, Stage::Parsing, total);
    let gave_up = AtomicBool::new(false);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8);
    let (to_parse, batches) = mpsc::sync_channel::<Batch>(workers * 2);
    let batches = Mutex::new(batches);
    let (tail, done) = std::thread::scope(|scope| {
        let (counter, gave_up, batches) = (&counter, &gave_up, &batches);
        let jobs: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(move || {
                    let mut done = Vec::new();
                    // Until the batches end; after a failure, only drained so the reader never waits.
                    while let Some(b) = batches.lock().ok().and_then(|rx| rx.recv().ok()) {
                        if gave_up.load(Ordering::Relaxed) {
                            continue;
                        }
                        match parse_batch(&b, file, share(geometry_budget, b.text.len()), share(budget, b.text.len()), counter) {
                            Some(d) => done.push((b.first, d)),
                            None => gave_up.store(true, Ordering::Relaxed),
                        }
                    }
                    done
                })
            })
            .collect();
        let tail = cut(&mut text, array, batch, &to_parse, gave_up, progress);
        drop(to_parse);
        let mut done: Vec<(usize, Done)> = Vec::new();
        for job in jobs {
            match job.join() {
                Ok(mut d) => done.append(&mut d),
                Err(_) => gave_up.store(true, Ordering::Relaxed),
            }
        }
        (tail, done)
    });
    if progress.is_cancelled() {
        return Some((None, Vec::new()));
    }
    let (tail, tail_at) = tail?;
    if gave_up.load(Ordering::Relaxed) {
        return None;
    }
    // The top-level object without its features, each member located where it is in the file.
    let doc = format!("{head}[]{tail}");
    let json::Document { root, duplicate_keys } = json::parse_document(&doc, budget).ok()?;
    if !duplicate_keys.is_empty() || root.get("type").and_then(Json::as_str) != Some("FeatureCollection") {
        return None;
    }
    let lines = LineIndex::resuming(&doc, vec![(array + 2, tail_at.0, tail_at.1)]);
    let mut r = Reader { file, src: &doc, lines, out: Vec::new(), more_errors: 0, more_warnings: 0, geometry_budget: 0 };
    r.common_members(&root);
    let mut done = done;
    done.sort_unstable_by_key(|(first, _)| *first);
    let mut features = Vec::with_capacity(done.iter().map(|(_, d)| d.features.len()).sum());
    for (_, d) in done {
        features.extend(d.features);
        for m in d.out {
            r.absorb(m);
        }
        r.more_errors += d.more_errors;
        r.more_warnings += d.more_warnings;
    }
    Some(conclude(r, root.at, features))
}

/// Parse one batch: None when a feature is not valid JSON (or has a duplicate key) or the job
/// was cancelled.
fn parse_batch(b: &Batch, file: &Path, geometry_budget: usize, budget: usize, counter: &Counter) -> Option<Done> {
    let lines = LineIndex::resuming(&b.text, vec![(0, b.origin.0, b.origin.1)]);
    let mut r = Reader { file, src: &b.text, lines, out: Vec::new(), more_errors: 0, more_warnings: 0, geometry_budget };
    let mut features = Vec::with_capacity(b.items.len());
    for (k, span) in b.items.iter().enumerate() {
        if !counter.add(span.len()) {
            return None;
        }
        let json::Document { mut root, duplicate_keys } = json::parse_item(&b.text, span.clone(), budget).ok()?;
        if !duplicate_keys.is_empty() {
            return None;
        }
        let at = r.lines.line_col(root.at);
        if let Some(f) = r.feature(&mut root, b.first + k) {
            features.push((at, f));
        }
    }
    Some(Done { features, out: r.out, more_errors: r.more_errors, more_warnings: r.more_warnings })
}

/// Cut the array that opens at byte `array` into batches of about `batch` bytes and send them
/// to be parsed. The text after the array and the line and column it starts at; None to give
/// up (or when cancelled).
fn cut(
    text: &mut Text<impl Read>,
    array: usize,
    batch: usize,
    to_parse: &mpsc::SyncSender<Batch>,
    gave_up: &AtomicBool,
    progress: &Progress,
) -> Option<(String, (usize, usize))> {
    let mut next = 1;
    let mut items: Vec<std::ops::Range<usize>> = Vec::new();
    // Send the items cut so far (their text is still held).
    let mut send = |text: &mut Text<_>, items: &mut Vec<std::ops::Range<usize>>| -> Option<()> {
        let (Some(first), Some(last)) = (items.first(), items.last()) else { return Some(()) };
        let (start, end) = (first.start, last.end);
        let origin = text.position(start)?;
        let t = String::from_utf8(text.buf.get(start - text.at..end - text.at)?.to_vec()).ok()?;
        let b = Batch { first: next, text: t, origin, items: items.drain(..).map(|r| r.start - start..r.end - start).collect() };
        next += b.items.len();
        if gave_up.load(Ordering::Relaxed) || progress.is_cancelled() {
            return None;
        }
        to_parse.send(b).ok()
    };
    // `i`: the next byte to look at; `next_is`: what the grammar allows there.
    let (mut i, mut next_is) = (array + 1, Next::FirstItem);
    loop {
        let j = i + json::after_whitespace(text.buf.get(i - text.at..)?, 0);
        match (text.buf.get(j - text.at), next_is) {
            (None, _) => {
                // Out of text: hand over what is whole, let go of it, read on.
                send(text, &mut items)?;
                text.forget_before(i)?;
                if !text.more()? {
                    return None;
                }
            }
            (Some(b']'), Next::FirstItem | Next::Separator) => {
                send(text, &mut items)?;
                let at = text.forget_before(j + 1)?;
                while text.more()? {}
                let tail = std::str::from_utf8(&text.buf).ok()?.to_string();
                return Some((tail, at));
            }
            (Some(b','), Next::Separator) => (i, next_is) = (j + 1, Next::Item),
            (Some(b'{'), Next::FirstItem | Next::Item) => match json::object_end(&text.buf, j - text.at) {
                None if !text.ended => {
                    send(text, &mut items)?;
                    text.forget_before(i)?;
                    text.more()?;
                }
                None => return None,
                Some(end) => {
                    let end = end + text.at;
                    items.push(j..end);
                    (i, next_is) = (end, Next::Separator);
                    if items.first().is_some_and(|f| end - f.start >= batch) {
                        send(text, &mut items)?;
                    }
                }
            },
            _ => return None,
        }
    }
}

/// What may come next in the array.
#[derive(Clone, Copy)]
enum Next {
    /// A feature or the end (just after `[`).
    FirstItem,
    /// A feature (after a comma).
    Item,
    /// A comma or the end (after a feature).
    Separator,
}

/// The file's text as it is read: the bytes from `at` on that are still held, and the line
/// and column of byte `counted`.
struct Text<R> {
    source: R,
    limit: u64,
    read: u64,
    buf: Vec<u8>,
    at: usize,
    ended: bool,
    counted: usize,
    line: usize,
    col: usize,
    block: usize,
}

impl<R: Read> Text<R> {
    /// Read on: a block, or as much as is held (so a feature longer than a block is skimmed
    /// again only a few times). False at the end of the file; None on a read error or past
    /// the size limit.
    fn more(&mut self) -> Option<bool> {
        if self.ended {
            return Some(false);
        }
        let want = self.block.max(self.buf.len());
        let start = self.buf.len();
        self.buf.try_reserve(want).ok()?;
        // Read into the room (zeroed first: no unsafe).
        self.buf.resize(start + want, 0);
        let mut got = 0;
        while got < want {
            match self.source.read(self.buf.get_mut(start + got..)?) {
                Ok(0) => {
                    self.ended = true;
                    break;
                }
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return None,
            }
        }
        self.buf.truncate(start + got);
        self.read += got as u64;
        (self.read <= self.limit).then_some(got > 0)
    }

    /// Let go of the bytes before `offset`, counting lines and columns over them first; the
    /// line and column of `offset`.
    fn forget_before(&mut self, offset: usize) -> Option<(usize, usize)> {
        let at = self.position(offset)?;
        self.buf.drain(..offset.checked_sub(self.at)?);
        self.at = offset;
        Some(at)
    }

    /// Line and column of byte `offset` (held, and not before the last one asked).
    fn position(&mut self, offset: usize) -> Option<(usize, usize)> {
        let bytes = self.buf.get(self.counted.checked_sub(self.at)?..offset.checked_sub(self.at)?)?;
        let chars = |b: &[u8]| b.iter().filter(|&&c| (c & 0xC0) != 0x80).count();
        match memchr::memrchr(b'\n', bytes) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', bytes).count();
                self.col = 1 + chars(bytes.get(last + 1..)?);
            }
            None => self.col += chars(bytes),
        }
        self.counted = offset;
        Some((self.line, self.col))
    }
}
