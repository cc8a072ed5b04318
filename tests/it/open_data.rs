//! Open data: the directory is published as JSON and CSV with one entry per
//! record, and as an Open Referral HSDS 3.0 export that validates against
//! the specification's own schemas (formats checked too). Text from records
//! cannot become a spreadsheet formula or close a `<script>`.

use crate::common::{self, build, gongkai};

use std::path::{Path, PathBuf};

use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_json(path: &Path) -> Vec<Value> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match serde_json::from_slice(&bytes) {
        Ok(Value::Array(items)) => items,
        Ok(other) => panic!("{}: not a JSON array: {other}", path.display()),
        Err(e) => panic!("{}: not JSON: {e}", path.display()),
    }
}

/// A CSV file's header and rows; it must start with a UTF-8 BOM.
fn read_csv(path: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or_else(|| panic!("{}: no UTF-8 byte order mark", path.display()));
    let mut reader = csv::Reader::from_reader(body);
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect();
    (header, rows)
}

/// The value of `column` in `row`.
fn cell<'a>(header: &[String], row: &'a csv::StringRecord, column: &str) -> &'a str {
    let i = header
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("no column `{column}` in {header:?}"));
    &row[i]
}

fn by_id<'a>(items: &'a [Value], id: &str) -> &'a Value {
    items
        .iter()
        .find(|o| o["id"] == id)
        .unwrap_or_else(|| panic!("no record `{id}`"))
}

/// The HSDS 3.0 compiled schema `name` (the repository sits beside
/// `shared/`), as a validator that checks formats (`uuid`, `uri`,
/// `email`, `date-time`), which JSON Schema 2020-12 only annotates by
/// default.
fn hsds_validator(name: &str) -> (PathBuf, jsonschema::Validator) {
    let schema_path = repo()
        .join("../shared/vendor/hsds-3.0/schema/compiled")
        .join(name);
    let schema: Value = serde_json::from_slice(
        &std::fs::read(&schema_path).unwrap_or_else(|e| panic!("{}: {e}", schema_path.display())),
    )
    .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{}: {e}", schema_path.display()));
    (schema_path, validator)
}

/// Validate every object of `data/hsds/<file>` against the HSDS 3.0
/// compiled schema `<schema>`, with format validation on; panic listing
/// every error. Returns how many objects were validated.
fn validate_hsds(out: &Path, file: &str, schema: &str) -> usize {
    let (schema_path, validator) = hsds_validator(schema);
    let items = read_json(&out.join("data/hsds").join(file));
    let mut errors = vec![];
    for (i, item) in items.iter().enumerate() {
        for e in validator.iter_errors(item) {
            errors.push(format!(
                "{file}[{i}] ({}){}: {e}",
                item["name"].as_str().unwrap_or("?"),
                e.instance_path()
            ));
        }
    }
    assert!(
        errors.is_empty(),
        "{} HSDS errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
    println!(
        "{file}: {} objects valid against {}",
        items.len(),
        schema_path.display()
    );
    items.len()
}

/// HSDS ids are UUIDs, unique within the file, and the references between
/// the two files resolve.
fn check_hsds_ids(organizations: &[Value], services: &[Value]) {
    let mut ids: Vec<&str> = organizations
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), organizations.len(), "duplicate organization ids");
    for o in organizations {
        if let Some(p) = o.get("parent_organization_id") {
            assert!(ids.contains(&p.as_str().unwrap()), "parent of {o}");
        }
    }
    for s in services {
        let org = s["organization_id"].as_str().unwrap();
        assert!(ids.contains(&org), "organization of {}", s["name"]);
    }
}

#[test]
fn the_example_directory_as_json_and_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&repo(), &out, &[]);
    let data = out.join("data");

    let organizations = read_json(&data.join("organizations.json"));
    let services = read_json(&data.join("services.json"));
    let activities = read_json(&data.join("activities.json"));
    assert!(
        organizations.len() >= 77,
        "{} organizations",
        organizations.len()
    );
    assert!(services.len() >= 40, "{} services", services.len());
    assert!(activities.len() >= 20, "{} activities", activities.len());

    let zhuji = by_id(&organizations, "zhuji-fulian");
    assert_eq!(zhuji["name"], "诸暨市妇女联合会");
    assert_eq!(zhuji["type_id"], "fulian");
    assert_eq!(zhuji["region_id"], "zhuji");
    assert_eq!(
        zhuji["region_path"],
        serde_json::json!(["绍兴市", "诸暨市"])
    );
    assert_eq!(zhuji["parent_id"], "shaoxing-fulian");
    assert_eq!(
        zhuji["url"],
        "https://qt.shaoxing.example/organizations/zhuji-fulian/"
    );
    let hours = zhuji["hours"].as_array().unwrap();
    assert!(!hours.is_empty());
    assert_eq!(hours[0]["days"][0], "Monday");
    assert!(
        zhuji["hours_text"][0]
            .as_str()
            .unwrap()
            .starts_with("周一至周五"),
        "{}",
        zhuji["hours_text"]
    );

    // Every service names its provider by id, and an implemented article
    // by its policy, eid and page.
    let org_ids: Vec<&str> = organizations
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    for s in &services {
        assert!(org_ids.contains(&s["provider_id"].as_str().unwrap()), "{s}");
    }
    let implementing = services
        .iter()
        .find(|s| !s["implements"].as_array().unwrap().is_empty())
        .expect("a service that implements an article");
    let article = &implementing["implements"][0];
    let policy = article["policy"].as_str().unwrap();
    let eid = article["eid"].as_str().unwrap();
    assert_eq!(article["url"], format!("{policy}{eid}/"));
    assert!(article["label"].as_str().unwrap().starts_with('第'));

    // Times carry the offset; whole-day activities are dates.
    for a in &activities {
        let start = a["start"].as_str().unwrap();
        if a["all_day"] == true {
            assert_eq!(start.len(), 10, "{start}");
        } else {
            assert!(start.ends_with("+08:00") && start.contains('T'), "{start}");
        }
        assert!(a["upcoming"].is_boolean());
        assert!(["scheduled", "cancelled", "full"].contains(&a["status"].as_str().unwrap()));
    }

    for (file, count) in [
        ("organizations.csv", organizations.len()),
        ("services.csv", services.len()),
        ("activities.csv", activities.len()),
    ] {
        let (header, rows) = read_csv(&data.join(file));
        assert_eq!(header[0], "id", "{file}: {header:?}");
        assert_eq!(rows.len(), count, "{file}");
    }
    let (header, rows) = read_csv(&data.join("organizations.csv"));
    let row = rows
        .iter()
        .find(|r| cell(&header, r, "id") == "zhuji-fulian")
        .unwrap();
    assert_eq!(cell(&header, row, "name"), "诸暨市妇女联合会");
    assert_eq!(cell(&header, row, "parent_id"), "shaoxing-fulian");
    assert_eq!(cell(&header, row, "region_path"), "绍兴市;诸暨市");
    assert!(cell(&header, row, "phones").contains(';'));
}

/// The validation below means something: formats are checked.
#[test]
fn the_hsds_validator_checks_formats() {
    let (_, organization) = hsds_validator("organization.json");
    let good = serde_json::json!({
        "id": "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
        "name": "n",
        "description": "d",
        "email": "a@example.org",
        "website": "https://example.org/",
    });
    assert!(organization.is_valid(&good));
    for (field, bad) in [
        ("id", "organization/zhuji-fulian"),
        ("email", "not an email"),
        ("website", "https://example.org/路 径"),
    ] {
        let mut item = good.clone();
        item[field] = Value::from(bad);
        assert!(!organization.is_valid(&item), "{field}: {bad} passed");
    }
    let mut item = good.clone();
    item.as_object_mut().unwrap().remove("description");
    assert!(!organization.is_valid(&item), "description is required");
}

#[test]
fn the_example_directory_as_valid_hsds() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&repo(), &out, &[]);

    let organizations = validate_hsds(&out, "organizations.json", "organization.json");
    let services = validate_hsds(&out, "services.json", "service.json");
    println!("HSDS: {} objects validated", organizations + services);
    assert!(organizations >= 77 && services >= 40);

    let orgs = read_json(&out.join("data/hsds/organizations.json"));
    let svcs = read_json(&out.join("data/hsds/services.json"));
    check_hsds_ids(&orgs, &svcs);
    let zhuji = orgs
        .iter()
        .find(|o| o["name"] == "诸暨市妇女联合会")
        .unwrap();
    let parent = orgs
        .iter()
        .find(|o| o["name"] == "绍兴市妇女联合会")
        .unwrap();
    assert_eq!(zhuji["parent_organization_id"], parent["id"]);
    let address = &zhuji["locations"][0]["addresses"][0];
    assert_eq!(address["city"], "绍兴市");
    assert_eq!(address["region"], "诸暨市");
    assert_eq!(address["state_province"], "浙江省");
    assert_eq!(address["country"], "CN");
    let schedule = &zhuji["locations"][0]["schedules"][0];
    assert_eq!(schedule["freq"], "WEEKLY");
    assert_eq!(schedule["byday"], "MO,TU,WE,TH,FR");
    assert_eq!(schedule["opens_at"], "08:30+08:00");

    // Ids are derived from the base URL and record ids, not random: a
    // second build writes the same bytes.
    let again = tmp.path().join("again");
    build(&repo(), &again, &[]);
    for file in ["organizations.json", "services.json"] {
        assert!(
            std::fs::read(out.join("data/hsds").join(file)).unwrap()
                == std::fs::read(again.join("data/hsds").join(file)).unwrap(),
            "{file} differs between two builds"
        );
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A `gongkai init` site with a small directory whose text is hostile.
fn hostile_site(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    let o = gongkai().arg("init").arg(&site).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    write(
        &site,
        "content/regions/_index.md",
        "---\ntitle: 区域\nrecords: region\n---\n",
    );
    write(
        &site,
        "content/regions/regions.csv",
        "id,name,level,parent,code\ncity,示例市,市,,330600\ncounty,示例区,区县,city,330602\n",
    );
    write(
        &site,
        "content/org-types/_index.md",
        "---\ntitle: 组织类型\nrecords: org_type\n---\n",
    );
    write(
        &site,
        "content/org-types/org-types.yaml",
        "- id: fulian\n  name: 妇联\n  full_name: 妇女联合会\n  hotline: '12338'\n  hotline_name: 妇女维权公益服务热线\n",
    );
    write(
        &site,
        "content/organizations/_index.md",
        "---\ntitle: 组织\nrecords: organization\n---\n",
    );
    write(
        &site,
        "content/organizations/organizations.yaml",
        r#"- id: formula
  name: '=HYPERLINK("http://evil.example")'
  type: fulian
  region: county
  address: '@SUM(1)'
  directions: '+1'
  hours_note: '-1'
  phones:
    - 0575-85123456转8001
    - '12338'
  website: https://formula.example/路径|x
  hours:
    - 周一至周五 08:30-12:00,14:00-17:30
    - 每天 00:00-24:00
- id: script
  name: '</script><script>alert(1)</script>'
  type: fulian
  region: city
  parent: formula
  email: script@example.org
"#,
    );
    site
}

#[test]
fn hostile_text_stays_text() {
    let tmp = tempfile::tempdir().unwrap();
    let site = hostile_site(tmp.path());
    let out = tmp.path().join("out");
    build(&site, &out, &[]);
    let data = out.join("data");

    // CSV: formulas are defused with a leading apostrophe.
    let (header, rows) = read_csv(&data.join("organizations.csv"));
    assert_eq!(rows.len(), 2);
    let formula = rows
        .iter()
        .find(|r| cell(&header, r, "id") == "formula")
        .unwrap();
    assert_eq!(
        cell(&header, formula, "name"),
        "'=HYPERLINK(\"http://evil.example\")"
    );
    assert_eq!(cell(&header, formula, "address"), "'@SUM(1)");
    assert_eq!(cell(&header, formula, "directions"), "'+1");
    assert_eq!(cell(&header, formula, "hours_note"), "'-1");
    // Not a formula: left alone.
    assert_eq!(
        cell(&header, formula, "phones"),
        "0575-85123456转8001;12338"
    );
    let script = rows
        .iter()
        .find(|r| cell(&header, r, "id") == "script")
        .unwrap();
    assert_eq!(cell(&header, script, "parent_id"), "formula");

    // A file with no records still has its header.
    let (header, rows) = read_csv(&data.join("services.csv"));
    assert_eq!((header[0].as_str(), rows.len()), ("id", 0));

    // JSON: the text is kept exactly, and `</script>` never appears raw.
    for file in [
        "organizations.json",
        "hsds/organizations.json",
        "services.json",
        "activities.json",
    ] {
        let raw = std::fs::read_to_string(data.join(file)).unwrap();
        assert!(!raw.contains("</script"), "{file} holds a raw </script>");
    }
    let organizations = read_json(&data.join("organizations.json"));
    assert_eq!(
        by_id(&organizations, "script")["name"],
        "</script><script>alert(1)</script>"
    );
    assert_eq!(
        by_id(&organizations, "formula")["name"],
        "=HYPERLINK(\"http://evil.example\")"
    );

    // HSDS: still valid, with the awkward values made valid or left out.
    validate_hsds(&out, "organizations.json", "organization.json");
    validate_hsds(&out, "services.json", "service.json");
    let hsds = read_json(&data.join("hsds/organizations.json"));
    let formula = hsds
        .iter()
        .find(|o| o["name"].as_str().unwrap().starts_with('='))
        .unwrap();
    assert_eq!(formula["phones"][0]["number"], "0575-85123456");
    assert_eq!(formula["phones"][0]["extension"], 8001);
    assert_eq!(formula["phones"][1]["description"], "妇女维权公益服务热线");
    assert_eq!(
        formula["website"],
        "https://formula.example/%E8%B7%AF%E5%BE%84%7Cx"
    );
    let schedules = formula["locations"][0]["schedules"].as_array().unwrap();
    assert_eq!(schedules.len(), 3);
    assert_eq!(schedules[2]["byday"], "MO,TU,WE,TH,FR,SA,SU");
    let script = hsds
        .iter()
        .find(|o| o["name"].as_str().unwrap().starts_with('<'))
        .unwrap();
    // No address, hours or directions: no location; a description is made up.
    assert!(script.get("locations").is_none());
    assert_eq!(
        script["description"],
        "</script><script>alert(1)</script>，妇女联合会，位于示例市。"
    );
    assert_eq!(script["parent_organization_id"], formula["id"]);
}

/// A table in a record's body reaches the open data as text (cells apart,
/// rows on lines), not as `|` markup: the export parses markdown with the
/// options rendering uses.
#[test]
fn a_table_in_a_record_body_is_text_in_the_open_data() {
    let tmp = tempfile::tempdir().unwrap();
    let site = common::portal(tmp.path());
    let file = site.join("content/organizations/shaoxing-fulian.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        format!("{text}\n\n示例服务时间：\n\n| 窗口 | 时间 |\n|---|---|\n| 维权 | 周一至周五 |\n"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    build(&site, &out, &[]);
    let organizations = read_json(&out.join("data/organizations.json"));
    let description = by_id(&organizations, "shaoxing-fulian")["description"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        description.ends_with("示例服务时间：\n窗口 时间\n维权 周一至周五"),
        "{description}"
    );
    let (header, rows) = read_csv(&out.join("data/organizations.csv"));
    let row = rows
        .iter()
        .find(|r| cell(&header, r, "id") == "shaoxing-fulian")
        .unwrap();
    let csv_description = cell(&header, row, "description");
    assert!(!csv_description.contains('|'), "{csv_description}");
    assert!(
        csv_description.contains("维权 周一至周五"),
        "{csv_description}"
    );
}
