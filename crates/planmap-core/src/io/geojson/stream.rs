//! A large FeatureCollection parsed as it is read: this thread reads a block at a time, finds
//! the whole features in it (a skim of strings and braces) and hands the block over as a
//! batch, while the other cores parse the batches. No copy of the file is held — all of China
//! is 91 MB of text, its geometry 17 MB — and messages keep the file's lines and columns.
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

/// Bytes read at a time (more when one feature is longer), each block a batch: small enough
/// that the threads share the work evenly, large enough that handing over costs nothing.
const BLOCK: usize = 2 << 20;

/// The boundaries (None on an error) and the messages.
type Parsed = (Option<Boundaries>, Vec<Diagnostic>);

/// The features of `source` (`size` bytes, its text as `read_text` gives it), or None when
/// this reader gives up. Cancelled, it gives nothing (and no message).
pub(super) fn parse(source: impl Read, size: u64, file: &Path, geometry_budget: usize, progress: &Progress) -> Option<Parsed> {
    parse_in(source, size, file, geometry_budget, progress, BLOCK)
}

/// The text from the end of the batch before (or the file's start) to the end of its last
/// whole feature, and where its features are in it.
struct Batch {
    /// The number of its first feature (1-based).
    first: usize,
    text: String,
    items: Vec<std::ops::Range<usize>>,
}

/// A batch parsed: its features and messages, located as if the batch were a file of its own
/// (the merge moves them to where the batch stands), and where its text ends, located so too.
struct Done {
    features: Vec<((usize, usize), Feature)>,
    out: Vec<Diagnostic>,
    more_errors: usize,
    more_warnings: usize,
    end: (usize, usize),
}

/// A line and column within a batch read as a file of its own → in the file, the batch
/// starting at `base`.
fn moved((line, col): (usize, usize), base: (usize, usize)) -> (usize, usize) {
    if line <= 1 { (base.0, base.1 + col.saturating_sub(1)) } else { (base.0 + line - 1, col) }
}

/// `parse` reading `block` bytes at a time (tests read a few bytes at a time).
pub(super) fn parse_in(source: impl Read, size: u64, file: &Path, geometry_budget: usize, progress: &Progress, block: usize) -> Option<Parsed> {
    let mut text = Text { source, limit: super::super::max_file_bytes(), read: 0, buf: Vec::new(), at: 0, ended: false, block };
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
    let (to_parse, batches) = mpsc::sync_channel::<Batch>(workers);
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
        let tail = cut(&mut text, array, &to_parse, gave_up, progress);
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
    let (tail, tail_gap) = tail?;
    if gave_up.load(Ordering::Relaxed) {
        return None;
    }
    // Each batch where it stands: just after the one before.
    let mut done = done;
    done.sort_unstable_by_key(|(first, _)| *first);
    let mut at = (1, 1);
    for (_, d) in &mut done {
        let base = at;
        for (p, _) in &mut d.features {
            *p = moved(*p, base);
        }
        for m in &mut d.out {
            (m.line, m.col) = moved((m.line, m.col), base);
        }
        at = moved(d.end, base);
    }
    let tail_at = moved(tail_gap, at);
    // The top-level object without its features, each member located where it is in the file.
    let doc = format!("{head}[]{tail}");
    let json::Document { root, duplicate_keys } = json::parse_document(&doc, budget).ok()?;
    if !duplicate_keys.is_empty() || root.get("type").and_then(Json::as_str) != Some("FeatureCollection") {
        return None;
    }
    let lines = LineIndex::resuming(&doc, vec![(array + 2, tail_at.0, tail_at.1)]);
    let mut r = Reader { file, src: &doc, lines, out: Vec::new(), more_errors: 0, more_warnings: 0, geometry_budget: 0 };
    r.common_members(&root);
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
    let lines = LineIndex::new(&b.text);
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
    // Counted on from the last feature: the text is gone over once, not twice.
    let end = r.lines.line_col(b.text.len());
    Some(Done { features, out: r.out, more_errors: r.more_errors, more_warnings: r.more_warnings, end })
}

/// Find the features of the array that opens at byte `array` and send each block's whole
/// ones to be parsed. The text after the array, and where it starts counted from the end of
/// the last batch; None to give up (or when cancelled).
fn cut(text: &mut Text<impl Read>, array: usize, to_parse: &mpsc::SyncSender<Batch>, gave_up: &AtomicBool, progress: &Progress) -> Option<(String, (usize, usize))> {
    let mut next = 1;
    let mut items: Vec<std::ops::Range<usize>> = Vec::new();
    // Hand over the text held up to the end of the last whole feature (moved, not copied).
    let mut send = |text: &mut Text<_>, items: &mut Vec<std::ops::Range<usize>>| -> Option<()> {
        let Some(end) = items.last().map(|r| r.end) else { return Some(()) };
        let start = text.at;
        let rest = text.buf.split_off(end.checked_sub(start)?);
        let t = String::from_utf8(std::mem::replace(&mut text.buf, rest)).ok()?;
        text.at = end;
        let b = Batch { first: next, text: t, items: items.drain(..).map(|r| r.start - start..r.end - start).collect() };
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
                // Out of text: hand over what is whole, read on.
                send(text, &mut items)?;
                if !text.more()? {
                    return None;
                }
            }
            (Some(b']'), Next::FirstItem | Next::Separator) => {
                send(text, &mut items)?;
                let between = std::str::from_utf8(text.buf.get(..j + 1 - text.at)?).ok()?;
                let gap = LineIndex::new(between).line_col(between.len());
                text.buf.drain(..j + 1 - text.at);
                while text.more()? {}
                let tail = std::str::from_utf8(&text.buf).ok()?.to_string();
                return Some((tail, gap));
            }
            (Some(b','), Next::Separator) => (i, next_is) = (j + 1, Next::Item),
            (Some(b'{'), Next::FirstItem | Next::Item) => match json::object_end(&text.buf, j - text.at) {
                None if !text.ended => {
                    send(text, &mut items)?;
                    text.more()?;
                }
                None => return None,
                Some(end) => {
                    items.push(j..end + text.at);
                    (i, next_is) = (end + text.at, Next::Separator);
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

/// The file's text as it is read: the bytes from `at` on that are still held.
struct Text<R> {
    source: R,
    limit: u64,
    read: u64,
    buf: Vec<u8>,
    at: usize,
    ended: bool,
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
        self.buf.try_reserve(want).ok()?;
        // Into the room as it is (no zeroing first); short only at the end of the file.
        let got = (&mut self.source).take(want as u64).read_to_end(&mut self.buf).ok()?;
        self.ended = got < want;
        self.read += got as u64;
        (self.read <= self.limit).then_some(got > 0)
    }
}
