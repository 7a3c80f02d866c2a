//! Edits to a layout file's text through toml_edit: the user's comments, key order and the
//! formatting of untouched parts survive; only the edited tables change.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use crate::model::StructureKind;

/// A district fact, as entered in the details panel.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact {
    Speciality { text: String, source: String },
    Hospital { name: String, focus: Vec<String>, source: String },
    Project { name: String, detail: Option<String>, source: String },
}

impl Fact {
    fn key(&self) -> &'static str {
        match self {
            Fact::Speciality { .. } => "specialities",
            Fact::Hospital { .. } => "hospitals",
            Fact::Project { .. } => "projects",
        }
    }

    fn table(&self) -> Table {
        let mut t = Table::new();
        match self {
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    Speciality,
    Hospital,
    Project,
}

impl FactKind {
    fn key(self) -> &'static str {
        match self {
            FactKind::Speciality => "specialities",
            FactKind::Hospital => "hospitals",
            FactKind::Project => "projects",
        }
    }
}

/// Which district's facts: a county by adcode, or the city-level entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DistrictRef {
    County { adcode: String, name: String },
    City,
}

/// One user edit. Indices are positions in the file's lists.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    AddMember { structure: usize, adcode: String, name: String, partial: Option<String> },
    RemoveMember { structure: usize, member: usize },
    SetPartial { structure: usize, member: usize, partial: Option<String> },
    /// A member without polygon (a development zone, an institution).
    AddPlace { structure: usize, name: String, location: String },
    AddStructure { id: String, kind: StructureKind, name: String, color: String, source: String },
    RenameStructure { structure: usize, name: String },
    RecolorStructure { structure: usize, color: String },
    MoveStructure { structure: usize, up: bool },
    DeleteStructure { structure: usize },
    AddFact { district: DistrictRef, fact: Fact },
    ReplaceFact { district: DistrictRef, index: usize, fact: Fact },
    RemoveFact { district: DistrictRef, kind: FactKind, index: usize },
}

/// The list of tables under `key`, made when missing.
fn aot<'a>(table: &'a mut Table, key: &str) -> Result<&'a mut ArrayOfTables, String> {
    match table.entry(key).or_insert(Item::ArrayOfTables(ArrayOfTables::new())) {
        Item::ArrayOfTables(list) => Ok(list),
        _ => Err(format!("\"{key}\" is not a list of [[{key}]] tables")),
    }
}

fn structure(doc: &mut DocumentMut, i: usize) -> Result<&mut Table, String> {
    aot(doc.as_table_mut(), "structures")?.get_mut(i).ok_or_else(|| format!("there is no structure #{}", i.saturating_add(1)))
}

fn member(doc: &mut DocumentMut, s: usize, m: usize) -> Result<&mut Table, String> {
    aot(structure(doc, s)?, "members")?.get_mut(m).ok_or_else(|| format!("structure #{} has no member #{}", s.saturating_add(1), m.saturating_add(1)))
}

/// The facts table of a district, made when missing (a county's [[districts]] entry, or [city]).
fn district<'a>(doc: &'a mut DocumentMut, d: &DistrictRef) -> Result<&'a mut Table, String> {
    match d {
        DistrictRef::City => {
            let root = doc.as_table_mut();
            if !root.contains_key("city") {
                let mut t = Table::new();
                t["name"] = value(root.get("plan").and_then(|p| p.get("region")).and_then(Item::as_str).unwrap_or("city"));
                root.insert("city", Item::Table(t));
            }
            root["city"].as_table_mut().ok_or_else(|| "[city] is not a table".to_string())
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
            list.get_mut(i).ok_or_else(|| "district vanished".to_string())
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

/// Apply `cmd` to the document. The caller validates the result before keeping it.
pub fn apply(doc: &mut DocumentMut, cmd: &Command) -> Result<(), String> {
    match cmd {
        Command::AddMember { structure: s, adcode, name, partial } => {
            let members = aot(structure(doc, *s)?, "members")?;
            if members.iter().any(|t| t.get("adcode").and_then(Item::as_str) == Some(adcode.as_str())) {
                return Err(format!("{name} is already a member"));
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
                return Err("no such member".into());
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
        Command::AddStructure { id, kind, name, color, source } => {
            let mut t = Table::new();
            t["id"] = value(id.as_str());
            t["kind"] = value(format!("{kind:?}").to_lowercase());
            t["name"] = value(name.as_str());
            t["color"] = value(color.as_str());
            t["source"] = value(source.as_str());
            aot(doc.as_table_mut(), "structures")?.push(t);
        }
        Command::RenameStructure { structure: s, name } => structure(doc, *s)?["name"] = value(name.as_str()),
        Command::RecolorStructure { structure: s, color } => structure(doc, *s)?["color"] = value(color.as_str()),
        Command::MoveStructure { structure: s, up } => {
            let list = aot(doc.as_table_mut(), "structures")?;
            let to = if *up { s.checked_sub(1) } else { s.checked_add(1).filter(|&t| t < list.len()) };
            let to = to.ok_or("it is already at the end")?;
            if *s >= list.len() {
                return Err("no such structure".into());
            }
            let t = list.remove(*s);
            list.insert(to, t);
        }
        Command::DeleteStructure { structure: s } => {
            let list = aot(doc.as_table_mut(), "structures")?;
            if *s >= list.len() {
                return Err("no such structure".into());
            }
            list.remove(*s);
        }
        Command::AddFact { district: d, fact } => push_like_siblings(aot(district(doc, d)?, fact.key())?, fact.table()),
        Command::ReplaceFact { district: d, index, fact } => {
            let list = aot(district(doc, d)?, fact.key())?;
            let old = list.get_mut(*index).ok_or("no such entry")?;
            // Keep the entry's comments: replace its values, not its table.
            let decor = old.decor().clone();
            *old = fact.table();
            *old.decor_mut() = decor;
        }
        Command::RemoveFact { district: d, kind, index } => {
            let list = aot(district(doc, d)?, kind.key())?;
            if *index >= list.len() {
                return Err("no such entry".into());
            }
            list.remove(*index);
        }
    }
    renumber(doc);
    Ok(())
}
