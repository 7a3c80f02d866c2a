//! The hidden `planmap save-loop FILE A B`: saves A and B alternately over FILE until killed,
//! for the test that kills a save midway and finds FILE whole.

use std::path::Path;

pub fn run(file: &Path, a: &Path, b: &Path) -> i32 {
    let (Ok(a), Ok(b)) = (std::fs::read(a), std::fs::read(b)) else { return 2 };
    // Bounded, so a test that forgets to kill it does not leave it running for ever.
    for i in 0..200_000 {
        let bytes = if i % 2 == 0 { &a } else { &b };
        if crate::io::save::atomic_write(file, bytes).is_err() {
            return 1;
        }
    }
    0
}
