//! A backend-neutral drawing: what the PNG and SVG writers both draw, in pixels, y down.

pub type Rgba = [u8; 4];

#[derive(Debug, Clone)]
pub enum Item {
    /// Rings filled with the even-odd rule (holes stay empty).
    Fill {
        rings: Vec<Vec<[f32; 2]>>,
        color: Rgba,
    },
    Stroke {
        points: Vec<[f32; 2]>,
        closed: bool,
        width: f32,
        color: Rgba,
    },
    /// Text with its baseline starting at `at`; a halo keeps it readable on any fill.
    Text {
        at: [f32; 2],
        text: String,
        size: f32,
        color: Rgba,
        halo: Option<Rgba>,
    },
}

#[derive(Debug, Clone)]
pub struct Picture {
    pub width: f32,
    pub height: f32,
    pub background: Rgba,
    pub items: Vec<Item>,
}

impl Picture {
    pub fn new(width: f32, height: f32) -> Picture {
        Picture { width, height, background: [255, 255, 255, 255], items: Vec::new() }
    }

    pub fn rect(&mut self, r: [f32; 4], fill: Rgba) {
        self.items.push(Item::Fill { rings: vec![vec![[r[0], r[1]], [r[2], r[1]], [r[2], r[3]], [r[0], r[3]]]], color: fill });
    }

    pub fn rect_outline(&mut self, r: [f32; 4], width: f32, color: Rgba) {
        self.items.push(Item::Stroke { points: vec![[r[0], r[1]], [r[2], r[1]], [r[2], r[3]], [r[0], r[3]]], closed: true, width, color });
    }

    pub fn line(&mut self, points: Vec<[f32; 2]>, width: f32, color: Rgba) {
        self.items.push(Item::Stroke { points, closed: false, width, color });
    }

    pub fn text(&mut self, at: [f32; 2], text: impl Into<String>, size: f32, color: Rgba) {
        self.items.push(Item::Text { at, text: text.into(), size, color, halo: None });
    }

    pub fn text_halo(&mut self, at: [f32; 2], text: impl Into<String>, size: f32, color: Rgba) {
        self.items.push(Item::Text { at, text: text.into(), size, color, halo: Some([255, 255, 255, 230]) });
    }
}
