//! Scene building: triangulation, picking and fills on real and synthetic boundaries.

use geo::{Area, LineString, MultiPolygon, Polygon};
use planmap_core::model::{Boundaries, Feature};
use planmap_core::scene::Scene;

fn square(x: f64, name: &str) -> Feature {
    let ring: LineString<f64> = vec![(x, 30.0), (x + 0.1, 30.0), (x + 0.1, 30.1), (x, 30.1), (x, 30.0)].into();
    Feature { adcode: name.into(), name: name.into(), properties: Vec::new(), geometry: MultiPolygon(vec![Polygon::new(ring, vec![])]) }
}

#[test]
fn picking_on_a_shared_border_is_deterministic() {
    for order in [["a", "b"], ["b", "a"]] {
        let xs = if order[0] == "a" { [100.0, 100.1] } else { [100.1, 100.0] };
        let b = Boundaries { features: vec![square(xs[0], order[0]), square(xs[1], order[1])] };
        let scene = Scene::build(&b);
        let on_border = scene.projection.forward(100.1, 30.05);
        for _ in 0..3 {
            assert_eq!(scene.pick(on_border), Some(0), "the first feature in the file wins ({order:?})");
        }
        let inside_b = scene.projection.forward(xs[1] + 0.05, 30.05);
        assert_eq!(scene.pick(inside_b), Some(1));
        assert_eq!(scene.pick(scene.projection.forward(101.0, 31.0)), None);
    }
}

#[test]
fn every_baoji_county_is_triangulated_to_its_own_area() {
    let path = crate::support::root().join("assets/boundaries/baoji.geojson");
    let (b, _) = planmap_core::io::load_boundaries(&path);
    let scene = Scene::build(&b.unwrap());
    for shape in &scene.shapes {
        let want = shape.polygon().unsigned_area();
        let got = shape.levels[0].tris().area();
        assert!((got - want).abs() / want < 1e-4, "{got} vs {want}");
        assert!(shape.levels.len() > 1, "coarser levels exist for zoomed-out views");
    }
}

/// A zoom to a new detail level never triangulates more than the frame's budget: past it, a
/// level already triangulated stands in, and the next frames catch up.
#[test]
fn a_new_detail_level_is_triangulated_within_the_budget_and_a_built_one_stands_in() {
    let (b, _) = planmap_core::io::load_boundaries(&crate::support::root().join("assets/boundaries/baoji.geojson"));
    let scene = planmap_core::scene::Scene::build(&b.expect("baoji boundaries"));
    let shape = scene.shapes.iter().find(|s| s.levels.len() >= 3).expect("a county with several detail levels");
    // Build one level, as an earlier frame would have; find one not built yet.
    let mut unlimited = usize::MAX;
    let built = shape.levels.last().unwrap().tolerance;
    let (level, exact) = shape.fill_level(built, &mut unlimited);
    assert!(exact);
    assert!(level.tris().indices.len() >= 3, "drawing it triangulates it");
    let todo = shape.levels.iter().find(|l| !l.has_tris()).expect("a level not triangulated yet").tolerance;
    // With the budget spent, that level is not built now: the nearest built one stands in.
    let mut budget = 0;
    let (level, exact) = shape.fill_level(todo, &mut budget);
    assert!(!exact, "a stand-in while the budget is spent");
    assert!(level.has_tris() && level.tolerance != todo);
    // With budget left, the level asked for is built and the budget shrinks by its size.
    let mut budget = 1;
    let (level, exact) = shape.fill_level(todo, &mut budget);
    assert!(exact && level.tolerance == todo);
    assert_eq!(budget, 0);
}
