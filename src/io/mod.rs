//! Files in, model out: layout TOML and boundary GeoJSON, every problem located at
//! file:line:column. No egui here.

pub mod edit;
pub mod geojson;
pub mod json;
pub mod layout;
pub mod read;
pub mod rings;
pub mod save;

pub use geojson::{load_boundaries, parse_boundaries};
pub use layout::{Layout, load_layout, parse_layout};

pub use read::{DEFAULT_MAX_FILE_BYTES, MAX_LAYOUT_BYTES, max_file_bytes, read_limited, read_text, read_text_limited};
