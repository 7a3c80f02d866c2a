//! Edits to a layout file's text through toml_edit: the user's comments, key order and the
//! formatting of untouched parts survive; only the edited tables change. What an edit is (the
//! vocabulary) lives in `model::edit`; this applies it.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value, value};

use crate::model::edit::{Command, DistrictRef, Entry, Fact, FactKind, Group, PlanField};

/// The district table's list that holds facts of this kind.
fn list_key(kind: FactKind) -> &'static str {
    match kind {
        FactKind::Speciality => "specialities",
        FactKind::Hospital => "hospitals",
        FactKind::Project => "projects",
    }
}

/// A fact as the table written in its list.
fn fact_table(fact: &Fact) -> Table {
    let mut t = Table::new();
    match fact {
        Fact::Speciality { text, source } => {
            t["text"] = value(text.as_str());
            t["source"] = value(source.as_str());
        }
        Fact::Hospital { name, focus, source } => {
            t["name"] = value(name.as_str());
            if !focus.is_empty() {
                t["focus"] = value(focus.iter().map(String::as_str).collect::<Array>());
            }
            t["source"] = value(source.as_str());
        }
        Fact::Project { name, detail, source } => {
            t["name"] = value(name.as_str());
            if let Some(d) = detail {
                t["detail"] = value(d.as_str());
            }
            t["source"] = value(source.as_str());
        }
    }
    t
}

/// Why an edit cannot be made to the file: what is missing or not as expected, and where.
/// Numbers count from 1, as the planner counts the entries in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("\"{key}\" is not a list of [[{key}]] tables")]
    NotAList { key: &'static str },
    #[error("there is no structure #{}", .structure.saturating_add(1))]
    NoStructure { structure: usize },
    #[error("structure #{} has no member #{}", .structure.saturating_add(1), .member.saturating_add(1))]
    NoMember { structure: usize, member: usize },
    #[error("there is no [city] table")]
    NoCity,
    #[error("[city] is not a table")]
    CityNotATable,
    #[error("there is no district {name} ({adcode})")]
    NoDistrict { name: String, adcode: String },
    /// `district` as the messages name it: "渭滨区 (610302)" or "[city]".
    #[error("no such entry: {district} has no {key} entry #{}", .index.saturating_add(1))]
    NoFact { district: String, key: &'static str, index: usize },
    #[error("{name} is already a member of structure #{}", .structure.saturating_add(1))]
    AlreadyAMember { name: String, structure: usize },
    #[error("structure #{} is already at the end", .structure.saturating_add(1))]
    AtTheEnd { structure: usize },
    #[error("[plan] is not a table")]
    PlanNotATable,
}

/// A district as messages name it.
fn district_label(d: &DistrictRef) -> String {
    match d {
        DistrictRef::County { adcode, name } => format!("{name} ({adcode})"),
        DistrictRef::City => "[city]".to_string(),
    }
}

fn no_fact(d: &DistrictRef, kind: FactKind, index: usize) -> EditError {
    EditError::NoFact { district: district_label(d), key: list_key(kind), index }
}

/// The list of tables under `key`, made when missing. A list written inline (`members = []`,
/// `members = [{ adcode = "…", name = "…" }]`, as TOML allows and `check` accepts) becomes
/// `[[key]]` tables with the same entries, so entries can be added to it like to any other.
fn aot<'a>(table: &'a mut Table, key: &'static str) -> Result<&'a mut ArrayOfTables, EditError> {
    let item = table.entry(key).or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
    if let Item::Value(Value::Array(inline)) = item
        && inline.iter().all(Value::is_inline_table)
    {
        let mut list = ArrayOfTables::new();
        for t in inline.iter().filter_map(Value::as_inline_table) {
            list.push(t.clone().into_table());
        }
        *item = Item::ArrayOfTables(list);
    }
    match item {
        Item::ArrayOfTables(list) => Ok(list),
        _ => Err(EditError::NotAList { key }),
    }
}

fn structure(doc: &mut DocumentMut, i: usize) -> Result<&mut Table, EditError> {
    aot(doc.as_table_mut(), "structures")?.get_mut(i).ok_or(EditError::NoStructure { structure: i })
}

fn member(doc: &mut DocumentMut, s: usize, m: usize) -> Result<&mut Table, EditError> {
    aot(structure(doc, s)?, "members")?.get_mut(m).ok_or(EditError::NoMember { structure: s, member: m })
}

/// The facts table of an existing district (review never makes one).
fn existing_district<'a>(doc: &'a mut DocumentMut, d: &DistrictRef) -> Result<&'a mut Table, EditError> {
    match d {
        DistrictRef::City => doc.as_table_mut().get_mut("city").and_then(Item::as_table_mut).ok_or(EditError::NoCity),
        DistrictRef::County { adcode, name } => aot(doc.as_table_mut(), "districts")?
            .iter_mut()
            .find(|t| t.get("adcode").and_then(Item::as_str) == Some(adcode.as_str()))
            .ok_or_else(|| EditError::NoDistrict { name: name.clone(), adcode: adcode.clone() }),
    }
}

const FACT_KINDS: [FactKind; 3] = [FactKind::Speciality, FactKind::Hospital, FactKind::Project];

fn is_draft(t: &Table) -> bool {
    t.get("draft").and_then(Item::as_bool) == Some(true)
}

fn set_draft(t: &mut Table, draft: bool) {
    if draft {
        t["draft"] = value(true);
    } else {
        t.remove("draft");
    }
}

fn entry_table<'a>(doc: &'a mut DocumentMut, e: &Entry) -> Result<&'a mut Table, EditError> {
    match e {
        Entry::Structure(s) => structure(doc, *s),
        Entry::Member { structure: s, member: m } => member(doc, *s, *m),
        Entry::Fact { district: d, kind, index } => aot(existing_district(doc, d)?, list_key(*kind))?.get_mut(*index).ok_or_else(|| no_fact(d, *kind, *index)),
    }
}

fn remove_entry(doc: &mut DocumentMut, e: &Entry) -> Result<(), EditError> {
    let (list, i, missing) = match e {
        Entry::Structure(s) => (aot(doc.as_table_mut(), "structures")?, *s, EditError::NoStructure { structure: *s }),
        Entry::Member { structure: s, member: m } => (aot(structure(doc, *s)?, "members")?, *m, EditError::NoMember { structure: *s, member: *m }),
        Entry::Fact { district: d, kind, index } => (aot(existing_district(doc, d)?, list_key(*kind))?, *index, no_fact(d, *kind, *index)),
    };
    if i >= list.len() {
        return Err(missing);
    }
    list.remove(i);
    Ok(())
}

/// Accept (clear `draft`) or reject (remove) every drafted entry of a group.
fn review_group(doc: &mut DocumentMut, g: &Group, accept: bool) -> Result<(), EditError> {
    fn review_list(list: &mut ArrayOfTables, accept: bool) {
        if accept {
            list.iter_mut().for_each(|t| set_draft(t, false));
        } else {
            list.retain(|t| !is_draft(t));
        }
    }
    match g {
        Group::Structure(s) => {
            let t = structure(doc, *s)?;
            review_list(aot(t, "members")?, accept);
            let empty = t.get("members").and_then(Item::as_array_of_tables).is_none_or(ArrayOfTables::is_empty);
            if accept {
                set_draft(t, false);
            } else if is_draft(t) && empty {
                aot(doc.as_table_mut(), "structures")?.remove(*s);
            }
        }
        Group::District(d) => {
            let t = existing_district(doc, d)?;
            for k in FACT_KINDS {
                if let Some(list) = t.get_mut(list_key(k)).and_then(Item::as_array_of_tables_mut) {
                    review_list(list, accept);
                }
            }
        }
    }
    Ok(())
}

/// The facts table of a district, made when missing (a county's [[districts]] entry, or [city]).
fn district<'a>(doc: &'a mut DocumentMut, d: &DistrictRef) -> Result<&'a mut Table, EditError> {
    match d {
        DistrictRef::City => {
            let root = doc.as_table_mut();
            if !root.contains_key("city") {
                let mut t = Table::new();
                t["name"] = value(root.get("plan").and_then(|p| p.get("region")).and_then(Item::as_str).unwrap_or("city"));
                root.insert("city", Item::Table(t));
            }
            root["city"].as_table_mut().ok_or(EditError::CityNotATable)
        }
        DistrictRef::County { adcode, name } => {
            let list = aot(doc.as_table_mut(), "districts")?;
            let found = list.iter().position(|t| t.get("adcode").and_then(Item::as_str) == Some(adcode.as_str()));
            let i = match found {
                Some(i) => i,
                None => {
                    let mut t = Table::new();
                    t["adcode"] = value(adcode.as_str());
                    t["name"] = value(name.as_str());
                    list.push(t);
                    list.len() - 1
                }
            };
            list.get_mut(i).ok_or_else(|| EditError::NoDistrict { name: name.clone(), adcode: adcode.clone() })
        }
    }
}

/// The indentation the file uses for this list's entries (two spaces in the bundled layouts),
/// read from the first key of an existing entry.
fn indent_of(list: &ArrayOfTables) -> String {
    list.iter()
        .find_map(|t| {
            let (key, _) = t.iter().next()?;
            let prefix = t.key(key)?.leaf_decor().prefix()?.as_str()?;
            Some(prefix.rsplit('\n').next().unwrap_or("").chars().filter(|c| *c == ' ' || *c == '\t').collect())
        })
        .unwrap_or_default()
}

/// Add a table to a list, indented like its siblings and set off by a blank line.
fn push_like_siblings(list: &mut ArrayOfTables, mut table: Table) {
    let indent = indent_of(list);
    if !indent.is_empty() {
        table.decor_mut().set_prefix(format!("\n{indent}"));
        let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
        for k in keys {
            if let Some(mut key) = table.key_mut(&k) {
                key.leaf_decor_mut().set_prefix(indent.clone());
            }
        }
    }
    list.push(table);
}

/// Give every table a position in reading order, so tables added, moved or removed print where
/// they belong (toml_edit prints tables by position).
fn renumber(doc: &mut DocumentMut) {
    fn walk(table: &mut Table, next: &mut isize) {
        for (_, item) in table.iter_mut() {
            match item {
                Item::Table(t) => {
                    t.set_position(Some(*next));
                    *next += 1;
                    walk(t, next);
                }
                Item::ArrayOfTables(a) => {
                    for t in a.iter_mut() {
                        t.set_position(Some(*next));
                        *next += 1;
                        walk(t, next);
                    }
                }
                _ => {}
            }
        }
    }
    let mut next = 1;
    walk(doc.as_table_mut(), &mut next);
}

/// Set a `[plan]` key, keeping the comment written after its value (`title = "…"   # the
/// plan's title`). An optional field emptied is removed; a key not there yet is added.
fn set_plan_field(doc: &mut DocumentMut, field: PlanField, text: &str) -> Result<(), EditError> {
    let plan = doc.as_table_mut().entry("plan").or_insert(Item::Table(Table::new())).as_table_mut().ok_or(EditError::PlanNotATable)?;
    let text = text.trim();
    if text.is_empty() && !field.required() {
        plan.remove(field.key());
        return Ok(());
    }
    match plan.get_mut(field.key()) {
        Some(Item::Value(old)) => {
            let decor = old.decor().clone();
            *old = Value::from(text);
            *old.decor_mut() = decor;
        }
        _ => plan[field.key()] = value(text),
    }
    Ok(())
}

/// Apply `cmd` to the document. The caller validates the result before keeping it.
pub fn apply(doc: &mut DocumentMut, cmd: &Command) -> Result<(), EditError> {
    match cmd {
        Command::AddMember { structure: s, adcode, name, partial } => {
            let members = aot(structure(doc, *s)?, "members")?;
            if members.iter().any(|t| t.get("adcode").and_then(Item::as_str) == Some(adcode.as_str())) {
                return Err(EditError::AlreadyAMember { name: name.clone(), structure: *s });
            }
            let mut t = Table::new();
            t["adcode"] = value(adcode.as_str());
            t["name"] = value(name.as_str());
            if let Some(q) = partial {
                t["partial"] = value(q.as_str());
            }
            push_like_siblings(members, t);
        }
        Command::RemoveMember { structure: s, member: m } => {
            let members = aot(structure(doc, *s)?, "members")?;
            if *m >= members.len() {
                return Err(EditError::NoMember { structure: *s, member: *m });
            }
            members.remove(*m);
        }
        Command::SetPartial { structure: s, member: m, partial } => {
            let t = member(doc, *s, *m)?;
            match partial {
                Some(q) => t["partial"] = value(q.as_str()),
                None => {
                    t.remove("partial");
                }
            }
        }
        Command::AddPlace { structure: s, name, location } => {
            let mut t = Table::new();
            t["name"] = value(name.as_str());
            if !location.trim().is_empty() {
                t["location"] = value(location.as_str());
            }
            push_like_siblings(aot(structure(doc, *s)?, "members")?, t);
        }
        Command::AddQuoted { structure: s, adcode, name, within, source } => {
            let members = aot(structure(doc, *s)?, "members")?;
            let same = |t: &Table| match adcode {
                Some(a) => t.get("adcode").and_then(Item::as_str) == Some(a.as_str()),
                None => t.get("adcode").is_none() && t.get("name").and_then(Item::as_str) == Some(name.as_str()),
            };
            if members.iter().any(same) {
                return Err(EditError::AlreadyAMember { name: name.clone(), structure: *s });
            }
            let mut t = Table::new();
            if let Some(a) = adcode {
                t["adcode"] = value(a.as_str());
            }
            t["name"] = value(name.as_str());
            if let Some(w) = within {
                t["within"] = value(w.as_str());
            }
            if let Some(src) = source {
                t["source"] = value(src.as_str());
            }
            push_like_siblings(members, t);
        }
        Command::AddStructure { id, kind, name, color, source } => {
            let mut t = Table::new();
            t["id"] = value(id.as_str());
            t["kind"] = value(kind.key());
            t["name"] = value(name.as_str());
            t["color"] = value(color.as_str());
            t["source"] = value(source.as_str());
            let list = aot(doc.as_table_mut(), "structures")?;
            let first = list.is_empty();
            list.push(t);
            // The first structure goes after the comments that end the file (a starter's
            // "Structures: none yet …" and its list of units), not above them.
            let trailing = doc.trailing().as_str().unwrap_or_default().to_string();
            if first && trailing.contains('#') {
                doc.set_trailing("");
                if let Some(t) = aot(doc.as_table_mut(), "structures")?.get_mut(0) {
                    t.decor_mut().set_prefix(format!("{}\n\n", trailing.trim_end()));
                }
            }
        }
        Command::SetPlanField { field, value: text } => set_plan_field(doc, *field, text)?,
        Command::RenameStructure { structure: s, name } => structure(doc, *s)?["name"] = value(name.as_str()),
        Command::RecolorStructure { structure: s, color } => structure(doc, *s)?["color"] = value(color.as_str()),
        Command::MoveStructure { structure: s, up } => {
            let list = aot(doc.as_table_mut(), "structures")?;
            let to = if *up { s.checked_sub(1) } else { s.checked_add(1).filter(|&t| t < list.len()) };
            if *s >= list.len() {
                return Err(EditError::NoStructure { structure: *s });
            }
            let to = to.ok_or(EditError::AtTheEnd { structure: *s })?;
            let t = list.remove(*s);
            list.insert(to, t);
        }
        Command::DeleteStructure { structure: s } => {
            let list = aot(doc.as_table_mut(), "structures")?;
            if *s >= list.len() {
                return Err(EditError::NoStructure { structure: *s });
            }
            list.remove(*s);
        }
        Command::AddFact { district: d, fact } => push_like_siblings(aot(district(doc, d)?, list_key(fact.kind()))?, fact_table(fact)),
        Command::ReplaceFact { district: d, index, fact } => {
            let list = aot(district(doc, d)?, list_key(fact.kind()))?;
            let old = list.get_mut(*index).ok_or_else(|| no_fact(d, fact.kind(), *index))?;
            // Keep the entry's comments: replace its values, not its table.
            let decor = old.decor().clone();
            *old = fact_table(fact);
            *old.decor_mut() = decor;
        }
        Command::RemoveFact { district: d, kind, index } => {
            let list = aot(district(doc, d)?, list_key(*kind))?;
            if *index >= list.len() {
                return Err(no_fact(d, *kind, *index));
            }
            list.remove(*index);
        }
        Command::SetDraft { entry, draft } => set_draft(entry_table(doc, entry)?, *draft),
        Command::Remove(entry) => remove_entry(doc, entry)?,
        Command::AcceptDrafts(g) => review_group(doc, g, true)?,
        Command::RejectDrafts(g) => review_group(doc, g, false)?,
    }
    renumber(doc);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAFTED: &str = r#"# comment kept
[[structures]]
id = "zone-1"
name = "一片区"
source = "第三章"
draft = true

  [[structures.members]]
  adcode = "610302"
  name = "渭滨区"
  draft = true

  [[structures.members]]
  adcode = "610303"
  name = "金台区"

[[districts]]
adcode = "610302"
name = "渭滨区"

  [[districts.hospitals]]
  name = "市中心医院"
  source = "第四章"
  draft = true

  [[districts.projects]]
  name = "扩建工程"
  source = "第四章"
"#;

    fn run(cmd: &Command) -> String {
        let mut doc: DocumentMut = DRAFTED.parse().unwrap();
        apply(&mut doc, cmd).unwrap();
        doc.to_string()
    }

    fn weibin() -> DistrictRef {
        DistrictRef::County { adcode: "610302".into(), name: "渭滨区".into() }
    }

    #[test]
    fn accepting_an_entry_removes_only_its_draft_line() {
        let out = run(&Command::SetDraft { entry: Entry::Member { structure: 0, member: 0 }, draft: false });
        assert_eq!(out.matches("draft = true").count(), 2);
        assert!(out.contains("name = \"渭滨区\"\n\n  [[structures.members]]"), "{out}");
        assert!(out.starts_with("# comment kept"));
        let out = run(&Command::SetDraft { entry: Entry::Fact { district: weibin(), kind: FactKind::Hospital, index: 0 }, draft: false });
        assert!(!out.contains("source = \"第四章\"\n  draft = true"), "{out}");
        let back = run(&Command::SetDraft { entry: Entry::Member { structure: 0, member: 1 }, draft: true });
        assert_eq!(back.matches("draft = true").count(), 4);
    }

    #[test]
    fn rejecting_an_entry_removes_it() {
        let out = run(&Command::Remove(Entry::Member { structure: 0, member: 0 }));
        assert!(!out.contains("610302\"\n  name = \"渭滨区\""), "{out}");
        assert!(out.contains("金台区"));
        let out = run(&Command::Remove(Entry::Fact { district: weibin(), kind: FactKind::Hospital, index: 0 }));
        assert!(!out.contains("市中心医院") && out.contains("扩建工程"), "{out}");
    }

    #[test]
    fn groups_accept_or_reject_only_their_drafted_entries() {
        let out = run(&Command::AcceptDrafts(Group::Structure(0)));
        assert_eq!(out.matches("draft = true").count(), 1, "only the hospital is left drafted: {out}");
        let out = run(&Command::RejectDrafts(Group::Structure(0)));
        assert!(out.contains("金台区") && out.contains("一片区"), "the reviewed member keeps its structure: {out}");
        assert!(!out.contains("adcode = \"610302\"\n  name = \"渭滨区\"\n  draft"), "{out}");
        let out = run(&Command::RejectDrafts(Group::District(weibin())));
        assert!(!out.contains("市中心医院") && out.contains("扩建工程"), "{out}");
    }

    #[test]
    fn a_drafted_structure_left_empty_by_reject_all_goes_too() {
        let mut doc: DocumentMut = DRAFTED.parse().unwrap();
        apply(&mut doc, &Command::Remove(Entry::Member { structure: 0, member: 1 })).unwrap();
        apply(&mut doc, &Command::RejectDrafts(Group::Structure(0))).unwrap();
        assert!(!doc.to_string().contains("一片区"), "{doc}");
    }

    /// `members = []` (what drafts wrote) and inline member tables: Pick adds to them.
    #[test]
    fn an_inline_members_list_takes_new_members() {
        const INLINE: &str = "[[structures]]\nid = \"core-1\"\nname = \"一核\"\nsource = \"第三章\"\nmembers = []\ndraft = true\n\n[[structures]]\nid = \"wing-2\"\nname = \"两翼\"\nsource = \"第三章\"\nmembers = [{ adcode = \"340202\", name = \"镜湖区\" }]\n";
        let mut doc: DocumentMut = INLINE.parse().unwrap();
        apply(&mut doc, &Command::AddMember { structure: 0, adcode: "340207".into(), name: "鸠江区".into(), partial: None }).unwrap();
        apply(&mut doc, &Command::AddMember { structure: 1, adcode: "340209".into(), name: "弋江区".into(), partial: None }).unwrap();
        let out = doc.to_string();
        let again: DocumentMut = out.parse().unwrap();
        let names = |i: usize| -> Vec<String> {
            again["structures"][i]["members"]
                .as_array_of_tables()
                .map_or_else(Vec::new, |l| l.iter().filter_map(|t| t.get("name").and_then(Item::as_str).map(String::from)).collect())
        };
        assert_eq!(names(0), ["鸠江区"], "{out}");
        assert_eq!(names(1), ["镜湖区", "弋江区"], "the inline member is kept, first: {out}");
        assert_eq!(again["structures"][0]["draft"].as_bool(), Some(true), "the structure's own keys stay with it: {out}");
        assert!(!out.contains("members = ["), "{out}");
        // A value that is not a list of tables is still refused, naming the key.
        let mut bad: DocumentMut = "[[structures]]\nid = \"a\"\nname = \"a\"\nsource = \"s\"\nmembers = [1]\n".parse().unwrap();
        let err = apply(&mut bad, &Command::AddMember { structure: 0, adcode: "340207".into(), name: "鸠江区".into(), partial: None }).unwrap_err();
        assert_eq!(err, EditError::NotAList { key: "members" });
        assert!(err.to_string().contains("\"members\" is not a list"), "{err}");
    }

    #[test]
    fn quoted_words_are_added_as_a_county_or_a_place_once() {
        let out = run(&Command::AddQuoted { structure: 0, adcode: Some("610304".into()), name: "陈仓区".into(), within: None, source: None });
        assert!(out.contains("  [[structures.members]]\n  adcode = \"610304\"\n  name = \"陈仓区\"\n"), "indented like its siblings: {out}");
        let out =
            run(&Command::AddQuoted { structure: 0, adcode: None, name: "宝鸡高新区".into(), within: Some("610302".into()), source: Some("第三章 第二节".into()) });
        let doc: DocumentMut = out.parse().unwrap();
        let added = doc["structures"][0]["members"].as_array_of_tables().and_then(|l| l.iter().last().cloned()).unwrap();
        assert_eq!(added.get("name").and_then(Item::as_str), Some("宝鸡高新区"));
        assert_eq!(added.get("within").and_then(Item::as_str), Some("610302"));
        assert_eq!(added.get("source").and_then(Item::as_str), Some("第三章 第二节"));
        assert!(added.get("adcode").is_none() && added.get("draft").is_none(), "a place, reviewed by the person who added it");
        let mut doc: DocumentMut = DRAFTED.parse().unwrap();
        assert!(
            apply(&mut doc, &Command::AddQuoted { structure: 0, adcode: Some("610302".into()), name: "渭滨区".into(), within: None, source: None }).is_err(),
            "already a member"
        );
        assert!(apply(&mut doc, &Command::AddQuoted { structure: 5, adcode: None, name: "x".into(), within: None, source: None }).is_err());
    }

    #[test]
    fn review_of_missing_entries_is_refused() {
        let mut doc: DocumentMut = DRAFTED.parse().unwrap();
        let e = apply(&mut doc, &Command::SetDraft { entry: Entry::Member { structure: 0, member: 9 }, draft: false }).unwrap_err();
        assert_eq!(e, EditError::NoMember { structure: 0, member: 9 });
        assert_eq!(e.to_string(), "structure #1 has no member #10");
        assert_eq!(apply(&mut doc, &Command::Remove(Entry::Structure(3))), Err(EditError::NoStructure { structure: 3 }));
        assert_eq!(apply(&mut doc, &Command::RejectDrafts(Group::District(DistrictRef::City))), Err(EditError::NoCity));
        let e = apply(&mut doc, &Command::Remove(Entry::Fact { district: weibin(), kind: FactKind::Hospital, index: 3 })).unwrap_err();
        assert_eq!(e.to_string(), "no such entry: 渭滨区 (610302) has no hospitals entry #4", "names the district, the list and the entry");
        assert_eq!(doc.to_string(), DRAFTED, "nothing changed");
    }

    /// A starter's text (as `planmap new` writes it, shortened): comments after the values and
    /// a block of comments ending the file.
    const STARTER: &str = "# Starter layout for 陕西省 宝鸡市.\n\n[plan]\ntitle = \"宝鸡市\"   # the plan's title, as printed\nregion = \"宝鸡市\"\ndocument = \"\"   # the plan's document (file name)\nboundaries = \"b.geojson\"\n\n# Structures: none yet. Add one [[structures]] table per structure, e.g.:\n# [[structures]]\n# id = \"core\"\n\n# Units in the boundary file (adcode name):\n#   610302 渭滨区\n";

    #[test]
    fn plan_fields_are_set_with_their_comments_kept_and_optional_ones_removed_when_emptied() {
        let mut doc: DocumentMut = STARTER.parse().unwrap();
        apply(&mut doc, &Command::SetPlanField { field: PlanField::Title, value: "宝鸡市“十四五”卫生健康规划".into() }).unwrap();
        apply(&mut doc, &Command::SetPlanField { field: PlanField::Slogan, value: "一核心、三片区".into() }).unwrap();
        apply(&mut doc, &Command::SetPlanField { field: PlanField::Document, value: "plan.docx".into() }).unwrap();
        let out = doc.to_string();
        assert!(out.contains("title = \"宝鸡市“十四五”卫生健康规划\"   # the plan's title, as printed\n"), "{out}");
        assert!(out.contains("document = \"plan.docx\"   # the plan's document (file name)\n"), "{out}");
        assert!(out.contains("slogan = \"一核心、三片区\""), "{out}");
        assert!(out.starts_with("# Starter layout for 陕西省 宝鸡市.") && out.contains("#   610302 渭滨区"), "{out}");
        let again: DocumentMut = out.parse().unwrap();
        assert_eq!(again["plan"]["slogan"].as_str(), Some("一核心、三片区"));
        // An optional field emptied goes; a required one stays, empty, for `check` to name.
        apply(&mut doc, &Command::SetPlanField { field: PlanField::Slogan, value: "  ".into() }).unwrap();
        apply(&mut doc, &Command::SetPlanField { field: PlanField::Title, value: String::new() }).unwrap();
        let out = doc.to_string();
        assert!(!out.contains("slogan"), "{out}");
        assert!(out.contains("title = \"\"   # the plan's title"), "{out}");
    }

    #[test]
    fn the_first_structure_is_written_after_the_starters_closing_comments() {
        let mut doc: DocumentMut = STARTER.parse().unwrap();
        let add = |id: &str| Command::AddStructure {
            id: id.into(),
            kind: crate::model::StructureKind::Belt,
            name: "沿渭带".into(),
            color: "#8dd3c7".into(),
            source: "第三章".into(),
        };
        apply(&mut doc, &add("belt-1")).unwrap();
        apply(&mut doc, &add("belt-2")).unwrap();
        let out = doc.to_string();
        let comment = out.find("#   610302 渭滨区").unwrap();
        let first = out.find("[[structures]]\nid = \"belt-1\"").unwrap_or_else(|| panic!("{out}"));
        let second = out.find("id = \"belt-2\"").unwrap();
        assert!(comment < first && first < second, "after the comments, in order: {out}");
        assert!(out.contains("kind = \"belt\""), "{out}");
        assert!(out.contains("#   610302 渭滨区\n\n[[structures]]"), "set off by a blank line: {out}");
        let again: DocumentMut = out.parse().unwrap();
        assert_eq!(again["structures"].as_array_of_tables().map(ArrayOfTables::len), Some(2));
    }
}
