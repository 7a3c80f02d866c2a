//! Two versions of one plan: Baoji's layout and a copy edited as a user might (issue 22).

use std::path::Path;

use planmap_core::io::parse_layout;
use planmap_core::model::{Change, Difference, diff, same_plan};

#[test]
fn baoji_and_an_edited_copy_differ_by_a_rename_a_member_lost_and_one_gained() {
    let src = std::fs::read_to_string(crate::support::root().join("layouts/baoji.toml")).unwrap();
    let before = parse_layout(&src, Path::new("baoji.toml")).unwrap();
    let after = parse_layout(&crate::support::edited_baoji(&src), Path::new("edited.toml")).unwrap();
    assert!(same_plan(&before, &after));
    assert_eq!(diff(&before, &before), Vec::new(), "a plan does not differ from itself");
    let d = diff(&before, &after);
    let renamed = d.iter().find(|x| x.change == Change::StructureRenamed { before: "生态温泉森林康养服务区".into(), after: "生态温泉康养服务区".into() });
    let members: Vec<String> = ["610302", "610304", "610326", "610330", "610331"].map(String::from).to_vec();
    assert_eq!(renamed.map(|x| &x.adcodes), Some(&members), "the rename concerns the zone's counties: {d:?}");
    let lost = Difference { change: Change::MemberLost { structure: "一核心".into(), member: "陈仓区".into() }, adcodes: vec!["610304".into()] };
    let gained = Difference { change: Change::MemberGained { structure: "一核心".into(), member: "岐山县".into() }, adcodes: vec!["610323".into()] };
    assert!(d.contains(&lost) && d.contains(&gained), "{d:?}");
    assert_eq!(d.len(), 3, "nothing else differs: {d:?}");
}

#[test]
fn two_different_plans_are_not_versions_of_one() {
    let read = |name: &str| {
        let src = std::fs::read_to_string(crate::support::root().join(format!("layouts/{name}.toml"))).unwrap();
        parse_layout(&src, Path::new(name)).unwrap()
    };
    assert!(!same_plan(&read("baoji"), &read("qujing")));
}
