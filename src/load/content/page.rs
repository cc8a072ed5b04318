//! A page from its markdown file: front matter → [`Page`], with the URL
//! segment its file name or `slug:` gives it, and the checks of its
//! metadata (policy fields only on policies, `interprets` only on
//! interpretations, a title on every page).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::{Date, DateTime};

use super::walk::{relative_name, site_relative};
use super::{Loaded, reference_of, url_segment};
use crate::base::diagnostics::Diagnostic;
use crate::base::files::read_utf8;
use crate::base::yaml;
use crate::load::front_matter::{self, PageFrontMatter, Split};
use crate::model::content::{Page, PageType, PolicyMeta, PolicyStatus, hash_text};

/// Read the page in `file`, in the section of folder `section_dir`; `bundle`
/// is its folder when it is a page bundle (`dir/index.md`).
pub(super) fn load(
    content_dir: &Path,
    file: &Path,
    section_dir: &str,
    bundle: &Option<String>,
) -> Result<Loaded, Diagnostic> {
    let shown = site_relative(content_dir, file);
    let rel = relative_name(content_dir, file).unwrap_or_default();
    let text = read_utf8(file, &shown)?;
    let split = front_matter::split(&shown, &text, &text)?;
    let fm: PageFrontMatter = front_matter::parse(&shown, &text, &split)?;
    let default_name = match bundle {
        Some(b) => b.rsplit('/').next().unwrap_or_default().to_string(),
        None => rel
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches(".md")
            .to_string(),
    };
    let segment = url_segment(&shown, &text, &split, fm.slug.as_ref(), &default_name)?;
    let mut page = page_from(fm, &shown, rel, &text, &split)?;
    page.disk = file.to_path_buf();
    page.front_hash = hash_text(split.yaml);
    page.summary = page.page_type.summary(split.body);
    Ok(Loaded::Page(
        Box::new(page),
        section_dir.to_string(),
        segment,
    ))
}

fn page_from(
    fm: PageFrontMatter,
    shown: &Path,
    rel: String,
    text: &Arc<str>,
    split: &Split<'_>,
) -> Result<Page, Diagnostic> {
    let at =
        |v: &yaml::Spanned<String>, m: String| front_matter::error_at(shown, text, split, v, m);
    let datetime = |v: &Option<yaml::Spanned<String>>| -> Result<Option<DateTime>, Diagnostic> {
        match v {
            Some(s) => front_matter::parse_datetime(&s.value)
                .map(Some)
                .map_err(|m| at(s, m)),
            None => Ok(None),
        }
    };
    let date_only = |v: &Option<yaml::Spanned<String>>| -> Result<Option<Date>, Diagnostic> {
        match v {
            Some(s) => front_matter::parse_date(&s.value)
                .map(Some)
                .map_err(|m| at(s, m)),
            None => Ok(None),
        }
    };
    let page_type = fm.page_type.as_ref().map(|t| t.value).unwrap_or_default();
    let date = datetime(&fm.date)?;
    let updated = datetime(&fm.updated)?;
    let written = date_only(&fm.written)?;
    let published = date_only(&fm.published)?;
    let effective = date_only(&fm.effective)?;
    let expires = date_only(&fm.expires)?;
    let version_date = date_only(&fm.version_date)?;

    // Policy metadata belongs to policies only.
    let place = |v| yaml::place(v, split.yaml, split.yaml_offset);
    let policy_fields: [(&str, Option<(usize, usize)>); 13] = [
        ("issuer", fm.issuer.as_ref().map(place)),
        ("doc_number", fm.doc_number.as_ref().map(place)),
        ("written", fm.written.as_ref().map(place)),
        ("published", fm.published.as_ref().map(place)),
        ("effective", fm.effective.as_ref().map(place)),
        ("expires", fm.expires.as_ref().map(place)),
        ("addressee", fm.addressee.as_ref().map(place)),
        ("amended_by", fm.amended_by.as_ref().map(place)),
        ("repealed_by", fm.repealed_by.as_ref().map(place)),
        ("short_title", fm.short_title.as_ref().map(place)),
        ("version_date", fm.version_date.as_ref().map(place)),
        (
            "topics",
            fm.topics
                .as_ref()
                .map(|v| yaml::place(v, split.yaml, split.yaml_offset)),
        ),
        (
            "status",
            fm.status
                .as_ref()
                .map(|v| yaml::place(v, split.yaml, split.yaml_offset)),
        ),
    ];
    if page_type != PageType::Policy {
        if let Some((name, Some((offset, len)))) = policy_fields.iter().find(|(_, v)| v.is_some()) {
            return Err(Diagnostic::at(
                shown,
                text,
                *offset,
                *len,
                msg!("policy-field-on-page", field = *name),
            ));
        }
    }
    if page_type != PageType::Interpretation {
        if let Some(v) = &fm.interprets {
            return Err(at(v, msg!("interprets-on-page")));
        }
    }

    let policy_meta = if page_type == PageType::Policy {
        let missing = |field: &str| {
            Diagnostic::at(
                shown,
                text,
                split.yaml_offset.saturating_sub(4),
                3,
                msg!("policy-needs-field", field = field),
            )
            .with_help(msg!("policy-needs-field-help"))
        };
        let issuer = fm.issuer.as_ref().ok_or_else(|| missing("issuer"))?;
        let written = written.ok_or_else(|| missing("written"))?;
        let status = fm.status.as_ref().map(|s| s.value).unwrap_or_default();
        let policy = PolicyMeta {
            issuer: issuer.value.clone(),
            doc_number: fm.doc_number.as_ref().map(|v| v.value.clone()),
            written,
            published,
            addressee: fm.addressee.as_ref().map(|v| v.value.clone()),
            topics: fm
                .topics
                .as_ref()
                .map(|v| v.value.clone())
                .unwrap_or_default(),
            status,
            effective,
            expires,
            // Derived when the build's today is known (see `load`).
            validity: status.as_written(),
            amended_by: fm.amended_by.as_ref().map(|v| reference_of(v, split)),
            repealed_by: fm.repealed_by.as_ref().map(|v| reference_of(v, split)),
            short_title: fm.short_title.as_ref().map(|v| v.value.clone()),
            version_date,
            versions: vec![],
        };
        // The dates in the order they happen: written, then in force,
        // then expired (a policy may take effect on the day it is written,
        // and be in force for that one day only).
        if let (Some(e), Some(v)) = (effective, &fm.effective) {
            if e < written {
                return Err(at(
                    v,
                    msg!(
                        "effective-before-written",
                        effective = e.to_string(),
                        written = written.to_string()
                    ),
                ));
            }
        }
        if let (Some(x), Some(v)) = (expires, &fm.expires) {
            let start = effective.unwrap_or(written);
            if x < start {
                let message = match effective {
                    Some(e) => msg!(
                        "expires-before-effective",
                        expires = x.to_string(),
                        effective = e.to_string()
                    ),
                    None => msg!(
                        "expires-before-written",
                        expires = x.to_string(),
                        written = written.to_string()
                    ),
                };
                return Err(at(v, message));
            }
        }
        for (field, value, needs) in [
            ("amended_by", &fm.amended_by, PolicyStatus::Amended),
            ("repealed_by", &fm.repealed_by, PolicyStatus::Repealed),
        ] {
            if let Some(v) = value {
                if status != needs {
                    let word = if needs == PolicyStatus::Amended {
                        "amended"
                    } else {
                        "repealed"
                    };
                    return Err(at(v, msg!("status-must-be", field = field, status = word)));
                }
            }
        }
        let missing = match status {
            PolicyStatus::Repealed if policy.repealed_by.is_none() => {
                Some((msg!("policy-needs-repealed-by"), "repealed_by"))
            }
            PolicyStatus::Amended if policy.amended_by.is_none() => {
                Some((msg!("policy-needs-amended-by"), "amended_by"))
            }
            _ => None,
        };
        if let (Some((message, key)), Some(s)) = (missing, &fm.status) {
            let (offset, len) = yaml::place(s, split.yaml, split.yaml_offset);
            return Err(Diagnostic::at(shown, text, offset, len, message)
                .with_help(msg!("policy-needs-successor-help", key = key)));
        }
        Some(policy)
    } else {
        // A page's `status` was refused with the other policy fields above.
        None
    };
    let interprets = match (page_type, &fm.interprets) {
        (PageType::Interpretation, Some(v)) => Some(reference_of(v, split)),
        (PageType::Interpretation, None) => {
            return Err(Diagnostic::at(
                shown,
                text,
                split.yaml_offset,
                1,
                msg!("interpretation-needs-interprets"),
            ));
        }
        _ => None,
    };
    let title = fm.title.clone().unwrap_or_default();
    if title.trim().is_empty() {
        return Err(Diagnostic::at(
            shown,
            text,
            split.yaml_offset.saturating_sub(4),
            3,
            msg!("page-needs-title"),
        ));
    }
    // Policy dates stand in for the page date.
    let date = date.or_else(|| {
        policy_meta.as_ref().map(|m| {
            m.published
                .unwrap_or(m.written)
                .to_datetime(jiff::civil::Time::midnight())
        })
    });
    Ok(Page {
        file: shown.to_path_buf(),
        disk: PathBuf::new(),
        summary: String::new(),
        front_hash: 0,
        rel,
        title,
        description: fm.description.clone(),
        date,
        updated,
        weight: fm.weight,
        draft: fm.draft,
        template: fm.template.as_ref().map(|v| reference_of(v, split)),
        slug_at: fm.slug.as_ref().map(|v| reference_of(v, split)),
        page_type,
        policy_meta,
        interprets,
        extra: fm.extra,
        path: String::new(),
        url: String::new(),
        section: 0,
    })
}
