//! Design tokens: every colour of the interface, in one place. The map's own colours (fills,
//! borders, labels) are in `scene::fills` and `scene::picture::colors`, shared with export.

use eframe::egui::Color32;

use crate::scene::fills::Rgba;

/// Section headings in the details panel.
pub const HEADING: Color32 = Color32::from_rgb(0x0b, 0x3d, 0x91);
/// A plan's slogan (一核心、三片区、十二品).
pub const SLOGAN: Color32 = Color32::from_rgb(0x8b, 0x1a, 0x1a);
/// A source reference after a fact.
pub const SOURCE: Color32 = Color32::from_gray(0x70);
pub const ERROR: Color32 = Color32::from_rgb(0xb0, 0x20, 0x20);
pub const WARNING: Color32 = Color32::from_rgb(0x9a, 0x6a, 0x00);
/// "The previous layout stays open".
pub const KEPT: Color32 = Color32::from_rgb(0xb0, 0x30, 0x30);
/// Presentation cards over the map.
pub const CARD: Color32 = Color32::from_rgba_premultiplied(235, 235, 235, 235);

/// A map colour as an egui colour.
pub fn color(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

/// A structure's swatch (opaque).
pub fn swatch(c: Rgba) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// A plan colour (the editor's colour button and its palette) as an egui colour.
pub fn plan_colour(c: crate::model::Rgb) -> Color32 {
    Color32::from_rgb(c.0[0], c.0[1], c.0[2])
}

/// The outline of a sample in the map's key.
pub const KEY_BORDER: Color32 = Color32::from_gray(0x55);

/// A selected row (indicator chart) and a recognised name in a quoted sentence (review).
pub const SELECTED_ROW: Color32 = Color32::from_rgb(0xfd, 0xf0, 0xc8);
pub fn name_highlight() -> Color32 {
    Color32::from_rgba_unmultiplied(255, 200, 0, 70)
}
/// Chart strokes: axis, baseline → target arrow, target dot.
pub const CHART_AXIS: Color32 = Color32::from_gray(0xc8);
pub const CHART_ARROW: Color32 = Color32::from_gray(0x70);
pub const CHART_DOT: Color32 = Color32::from_gray(0x30);
/// Diagram: the selected node's ring, a node's frame, and a member's fill.
pub const DIAGRAM_SELECTED: Color32 = Color32::from_rgb(0x10, 0x10, 0x10);
pub const DIAGRAM_FRAME: Color32 = Color32::from_gray(0x40);
pub const DIAGRAM_MEMBER: Color32 = Color32::WHITE;

/// A map colour with its own alpha replaced (a ring's or a node's translucent fill).
pub fn with_alpha(c: Rgba, alpha: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], alpha)
}

/// The review pane's chips over the plan's sentence: a name the draft took and nobody has
/// reviewed yet, one reviewed (or added by the reviewer), and the structure's own name.
pub const CHIP_DRAFTED: Color32 = Color32::from_rgb(0xfb, 0xe3, 0xa0);
pub const CHIP_REVIEWED: Color32 = Color32::from_rgb(0xc8, 0xe6, 0xc9);
pub const CHIP_STRUCTURE: Color32 = Color32::from_rgb(0xcf, 0xdf, 0xf7);
/// A chip's outline, and the outline of the hovered one.
pub const CHIP_EDGE: Color32 = Color32::from_gray(0xa8);
pub const CHIP_HOVER: Color32 = Color32::from_rgb(0x0b, 0x3d, 0x91);

#[cfg(test)]
mod tests {
    /// Colours are declared here only: a colour made elsewhere in the interface is a second
    /// copy of the design that drifts.
    #[test]
    fn colours_are_made_only_in_tokens() {
        let mut found = Vec::new();
        for (p, code) in crate::ui::sources().into_iter().filter(|(p, _)| !p.ends_with("tokens.rs")) {
            for (n, line) in code.lines().enumerate() {
                let line = line.split("//").next().unwrap_or("");
                if ["Color32::from_rgb", "Color32::from_gray", "Color32::from_rgba", "Rgba::from"].iter().any(|m| line.contains(m)) {
                    found.push(format!("{}:{}", p.display(), n + 1));
                }
            }
        }
        assert!(found.is_empty(), "colours made outside ui/tokens.rs: {found:?}");
    }
}
