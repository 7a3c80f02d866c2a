//! Paper for a print layout: A4 or A3, portrait or landscape. A page's picture is laid out in
//! points (1/72 inch), so a PDF keeps its size and a PNG at `dpi` has `dpi / 72` pixels per unit.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    A3,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub paper: Paper,
    pub landscape: bool,
}

/// Points per millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;

impl Paper {
    pub fn parse(s: &str) -> Option<Paper> {
        match s.trim().to_ascii_uppercase().as_str() {
            "A4" => Some(Paper::A4),
            "A3" => Some(Paper::A3),
            _ => None,
        }
    }

    /// Portrait width and height in millimetres (ISO 216).
    pub fn mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::A3 => (297.0, 420.0),
        }
    }
}

impl Page {
    /// Width and height in millimetres, turned for landscape.
    pub fn mm(self) -> (f32, f32) {
        let (w, h) = self.paper.mm();
        if self.landscape { (h, w) } else { (w, h) }
    }

    /// Width and height in points: the picture's units.
    pub fn points(self) -> (f32, f32) {
        let (w, h) = self.mm();
        (w * PT_PER_MM, h * PT_PER_MM)
    }

    /// The figure's type scale on this paper: legend text of 9 pt on A4, 11 pt on A3 (the
    /// legend's 12.5 units at scale 1).
    pub fn type_scale(self) -> f32 {
        match self.paper {
            Paper::A4 => 9.0 / 12.5,
            Paper::A3 => 11.0 / 12.5,
        }
    }

    /// PNG pixels per point at `dpi`.
    pub fn scale_for_dpi(dpi: f32) -> f32 {
        dpi / 72.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a4_landscape_is_842_by_595_points() {
        let (w, h) = Page { paper: Paper::A4, landscape: true }.points();
        assert_eq!((w.round(), h.round()), (842.0, 595.0));
        let (w, h) = Page { paper: Paper::A3, landscape: false }.points();
        assert_eq!((w.round(), h.round()), (842.0, 1191.0));
        assert_eq!((842.0 * Page::scale_for_dpi(300.0)).round(), 3508.0);
    }
}
