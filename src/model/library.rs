//! The facets of the policy library (政策文件库), as the State Council's
//! policy library has them: 发文机关, 成文年份, 主题分类 and 时效性. One
//! definition of a policy's values, shared by the library's static filter
//! pages (`render::library`) and the search index's facets
//! (`search::index::facets`), so that a filter gives the same policies in
//! both.

use super::content::PolicyMeta;

/// A facet of the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LibraryFacet {
    /// 发文机关
    Issuer,
    /// 成文年份: the year of 成文日期.
    Year,
    /// 主题分类: a policy has several.
    Topic,
    /// 时效性 on the build's day.
    Validity,
}

/// A policy's value of a facet: the path segment of its filter page, which
/// is also its id in the search index, and the words shown.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LibraryValue {
    pub id: String,
    pub label: String,
}

impl LibraryFacet {
    /// Every facet, in the order the library and the search show them.
    pub const ALL: [LibraryFacet; 4] = [
        LibraryFacet::Issuer,
        LibraryFacet::Year,
        LibraryFacet::Topic,
        LibraryFacet::Validity,
    ];

    /// Its name: a path segment of the filter pages, the search facet's name
    /// and the flag of `gongkai search`.
    pub fn name(self) -> &'static str {
        match self {
            LibraryFacet::Issuer => "issuer",
            LibraryFacet::Year => "year",
            LibraryFacet::Topic => "topic",
            LibraryFacet::Validity => "validity",
        }
    }

    /// What the filter is called on a page.
    pub fn label(self) -> &'static str {
        match self {
            LibraryFacet::Issuer => "发文机关",
            LibraryFacet::Year => "成文年份",
            LibraryFacet::Topic => "主题分类",
            LibraryFacet::Validity => "时效性",
        }
    }

    /// A policy's values of this facet (several topics, one of the rest).
    pub fn values(self, m: &PolicyMeta) -> Vec<LibraryValue> {
        let value = |id: String, label: String| LibraryValue { id, label };
        match self {
            LibraryFacet::Issuer => vec![value(segment(&m.issuer), m.issuer.clone())],
            LibraryFacet::Year => {
                let y = m.written.year().to_string();
                vec![value(y.clone(), format!("{y}年"))]
            }
            LibraryFacet::Topic => m
                .topics
                .iter()
                .map(|t| value(segment(t), t.clone()))
                .collect(),
            LibraryFacet::Validity => vec![value(
                m.validity.code().to_string(),
                m.validity.zh().to_string(),
            )],
        }
    }

    /// Put a facet's values, given in the order of their ids, in display
    /// order: years newest first; the rest by how many policies, then by
    /// their words.
    pub fn display_order<T>(
        self,
        values: &mut [T],
        label: impl Fn(&T) -> &str,
        count: impl Fn(&T) -> usize,
    ) {
        if self == LibraryFacet::Year {
            values.reverse();
        } else {
            values.sort_by(|a, b| count(b).cmp(&count(a)).then(label(a).cmp(label(b))));
        }
    }
}

/// A value as a path segment: its words, with what a path cannot hold
/// replaced.
fn segment(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| {
            if "/\\?#%".contains(c) || c.is_whitespace() {
                '-'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_a_path_segment() {
        assert_eq!(
            segment(" 示例市 人民政府/办公室 "),
            "示例市-人民政府-办公室"
        );
    }

    #[test]
    fn years_newest_first_the_rest_by_count_then_words() {
        let mut years = vec![("2010", 1), ("2015", 3), ("2026", 2)];
        LibraryFacet::Year.display_order(&mut years, |v| v.0, |v| v.1);
        assert_eq!(years, [("2026", 2), ("2015", 3), ("2010", 1)]);
        let mut issuers = vec![("乙", 1), ("甲", 1), ("丙", 4)];
        LibraryFacet::Issuer.display_order(&mut issuers, |v| v.0, |v| v.1);
        assert_eq!(issuers, [("丙", 4), ("乙", 1), ("甲", 1)]);
    }
}
