//! Files in, model out: layout TOML and boundary files (GeoJSON, FlatGeobuf, Shapefile), every problem located at
//! file:line:column. No egui here.

pub mod arcs;
pub mod boundary_file;
pub mod china;
pub mod crs;
pub mod edit;
pub mod flatgeobuf;
pub mod flatgeobuf_draw;
pub mod gcj02;
pub mod geojson;
pub mod geojson_write;
pub mod json;
pub mod layout;
pub mod plan_text;
pub mod progress;
pub mod read;
pub mod rings;
pub mod save;
pub mod shapefile;
pub mod starter;

pub use boundary_file::{ReadOptions, is_boundary_file, load_boundaries, load_boundaries_with};
pub use geojson::parse_boundaries;
pub use layout::{Layout, load_layout, parse_layout};

pub use read::{DEFAULT_MAX_FILE_BYTES, MAX_LAYOUT_BYTES, max_file_bytes, read_limited, read_text, read_text_limited};
