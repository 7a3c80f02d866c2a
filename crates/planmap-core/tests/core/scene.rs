//! Scene building: triangulation, picking and fills on real and synthetic boundaries.

use geo::{Area, LineString, MultiPolygon, Polygon};
use planmap_core::model::{Boundaries, Feature};
use planmap_core::scene::Scene;

fn square(x: f64, name: &str) -> Feature {
    let ring: LineString<f64> = vec![(x, 30.0), (x + 0.1, 30.0), (x + 0.1, 30.1), (x, 30.1), (x, 30.0)].into();
    Feature { adcode: name.into(), name: name.into(), properties: Vec::new(), geometry: MultiPolygon(vec![Polygon::new(ring, vec![])]).into() }
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

/// The full detail of a file is not held after the scene is built, nor its finer levels: a
/// pick, a fill at full detail or a close view makes one feature's, exactly the projection of
/// its lon/lat and the simplifications the build made from it.
#[test]
fn full_detail_is_made_when_first_used_and_is_the_projection() {
    let (b, _) = planmap_core::io::load_boundaries(&crate::support::root().join("assets/boundaries/baoji.geojson"));
    let b = b.expect("baoji boundaries");
    let scene = Scene::build(&b);
    // Held: the coarsest levels only (a held level's coarser ones are held too).
    assert!(scene.shapes.iter().all(|s| !s.levels[0].has_rings() && s.levels.windows(2).all(|w| !w[0].has_rings() || w[1].has_rings())));
    assert!(scene.shapes.iter().all(|s| s.levels.last().is_some_and(|l| l.has_rings())), "the coarsest level of each is held");
    let i = scene.shapes.iter().position(|s| s.levels.len() >= 3).expect("a county with coarser levels");
    let at = scene.shapes[i].label_at;
    assert_eq!(scene.pick([f64::from(at[0]), f64::from(at[1])]), Some(i));
    let made: Vec<usize> = (0..scene.shapes.len()).filter(|&k| scene.shapes[k].levels[0].has_rings()).collect();
    assert!(made.contains(&i) && made.len() < scene.shapes.len(), "only what the pick reached: {made:?}");
    let projected = planmap_core::scene::Rings::project(&b.features[i].geometry, |x, y| scene.projection.forward(x, y));
    assert_eq!(scene.shapes[i].levels[0].rings(), &projected);
    assert_eq!(scene.shapes[i].levels[0].vertex_count(), b.features[i].geometry.point_count());
    // The coarser levels are the full detail's simplifications, as when it was held.
    for pair in scene.shapes[i].levels.windows(2) {
        assert_eq!(pair[1].rings(), &pair[0].rings().simplified(f64::from(pair[1].tolerance)), "level {} from the one before", pair[1].tolerance);
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

/// The GIS view of each bundled boundary file: coloured by its name field, polygon by polygon,
/// with at least twelve colours and no two neighbours alike (眉县 and 太白县, 陈仓区 and
/// 太白县 came out the same with the old eight-colour palette by adcode).
#[test]
fn no_two_neighbours_share_a_colour_in_the_bundled_boundary_files() {
    use planmap_core::document::Document;
    use planmap_core::scene::palette;
    let dir = crate::support::root().join("assets/boundaries");
    for name in ["baoji", "qujing", "jining", "chongqing", "panzhihua"] {
        let (doc, _) = Document::open(&dir.join(format!("{name}.geojson"))).unwrap_or_else(|d| panic!("{name}: {d:?}"));
        assert_eq!(doc.color_by.as_deref(), Some("name"), "{name}: coloured by the name field at first");
        let nb = palette::neighbours(&doc.boundaries);
        let colour = |i: usize| doc.fill.pieces.iter().find(|p| p.feature == i && p.tris.is_none()).map(|p| p.color);
        let mut pairs = 0;
        for (a, list) in nb.iter().enumerate() {
            for &b in list.iter().filter(|&&b| b > a) {
                pairs += 1;
                assert_ne!(colour(a), colour(b), "{name}: {} and {} are neighbours", doc.boundaries.features[a].name, doc.boundaries.features[b].name);
            }
        }
        assert!(pairs >= doc.boundaries.features.len() - 1, "{name}: {pairs} neighbouring pairs found");
        let mut used: Vec<_> = doc.fill.pieces.iter().map(|p| p.color).collect();
        used.sort_unstable();
        used.dedup();
        assert!(used.len() >= 5.min(doc.boundaries.features.len()), "{name}: the palette is spread ({} colours)", used.len());
        assert!(used.iter().all(|c| palette::QUALITATIVE.iter().any(|q| [q.0[0], q.0[1], q.0[2], 0xff] == *c)), "{name}");
    }
    // The pairs the issue names.
    let (doc, _) = Document::open(&dir.join("baoji.geojson")).unwrap();
    let nb = palette::neighbours(&doc.boundaries);
    let at = |n: &str| doc.boundaries.features.iter().position(|f| f.name == n).unwrap();
    for (a, b) in [("眉县", "太白县"), ("陈仓区", "太白县")] {
        assert!(nb[at(a)].contains(&at(b)), "{a} and {b} are found to be neighbours");
        assert_ne!(doc.fill.pieces[at(a)].color, doc.fill.pieces[at(b)].color, "{a} / {b}");
    }
    assert!(planmap_core::scene::palette::QUALITATIVE.len() >= 12);
}

/// All of China's 2,875 county-level units (the bundle's rings): every neighbouring pair
/// found, and none sharing a colour.
#[test]
fn no_two_neighbouring_counties_of_china_share_a_colour() {
    use planmap_core::io::china;
    use planmap_core::model::regions::Level;
    use planmap_core::scene::palette;
    let index = china::index().unwrap();
    let counties: Vec<usize> = (0..index.len()).filter(|&id| index.get(id).is_some_and(|r| r.level == Level::County)).collect();
    let b = china::features(&counties).unwrap();
    assert!(b.features.len() > 2800, "{}", b.features.len());
    let nb = palette::neighbours(&b);
    let colours = palette::colour_graph(&nb, palette::QUALITATIVE.len());
    assert_eq!(palette::clashes(&nb, &colours), [], "neighbours sharing a colour");
    let pairs: usize = nb.iter().map(Vec::len).sum::<usize>() / 2;
    assert!(pairs > 7000, "{pairs} neighbouring pairs: a county has about five neighbours");
    // Every pair the bundle's shared arcs know is found.
    let ids = [index.by_adcode("610326").unwrap()];
    let expected = china::neighbours(&ids).unwrap();
    let mei = b.features.iter().position(|f| f.adcode == "610326").unwrap();
    for id in expected {
        let adcode = &index.get(id).unwrap().adcode;
        let j = b.features.iter().position(|f| &f.adcode == adcode).unwrap();
        assert!(nb[mei].contains(&j), "眉县 and {adcode}");
    }
    println!("china: {} units, {pairs} neighbouring pairs, {} colours used", b.features.len(), {
        let mut c = colours.clone();
        c.sort_unstable();
        c.dedup();
        c.len()
    });
}

/// Pick in edit mode keeps the region's own units apart from the neighbours drawn for context:
/// the units not in the picked structure get a warm veil, the context a greyer, lighter fill;
/// outside Pick (a legend highlight, a presentation step) both get the one veil as before.
#[test]
fn pick_mode_paints_the_regions_units_and_the_context_differently() {
    use planmap_core::document::Document;
    use planmap_core::scene::picture::{self, Highlight, MeshKey, Style, colors};
    use planmap_core::scene::view::View;
    let (doc, _) = Document::open(&crate::support::root().join("layouts/baoji.toml")).unwrap();
    let members = doc.members_of(0);
    let outside: Vec<usize> = (0..doc.boundaries.features.len()).filter(|i| !members.contains(i)).collect();
    let [context, unit, ..] = outside[..] else { panic!("baoji has counties outside its first structure") };
    // The roles `planmap new` writes, on a copy of the boundaries the picture reads.
    let mut boundaries = (*doc.boundaries).clone();
    boundaries.features[context].properties.push(("role".into(), "context".into()));
    boundaries.features[unit].properties.push(("role".into(), "unit".into()));
    let rect = [0.0, 0.0, 800.0, 600.0];
    let view = View::fit(doc.scene.bounds, rect);
    // The colour drawn last over feature `i`: what the eye sees there.
    let top = |pick: bool, i: usize| {
        let highlight = Highlight { members: Some(members.clone()), pick, ..Highlight::default() };
        let data = picture::MapData { boundaries: &boundaries, ..doc.map_data() };
        let pic = picture::describe(data, view, rect, &highlight, Style::default());
        pic.areas.iter().rev().find(|a| matches!(a.key, MeshKey::Level { feature, .. } if feature as usize == i)).map(|a| a.color)
    };
    let (c, u) = (top(true, context).unwrap(), top(true, unit).unwrap());
    assert_ne!(c, u, "context and the region's units look different in Pick");
    assert_eq!((c, u), (colors::PICK_CONTEXT, colors::PICK_UNIT));
    let spread = |x: [u8; 4]| x[..3].iter().max().unwrap() - x[..3].iter().min().unwrap();
    let sum = |x: [u8; 4]| x[..3].iter().map(|&v| u32::from(v)).sum::<u32>();
    assert!(spread(c) < spread(u), "context is greyer: {c:?} / {u:?}");
    assert!(sum(c) > sum(u), "context is lighter: {c:?} / {u:?}");
    assert!(members.iter().all(|&m| top(true, m).is_some_and(|x| x != colors::PICK_UNIT && x != colors::PICK_CONTEXT)), "the picked structure's members keep their colour");
    assert_eq!(top(false, context), top(false, unit), "outside Pick one veil over both");
    assert_eq!(top(false, unit), Some(colors::VEIL));
}
