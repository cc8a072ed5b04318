//! Service brands and honours (服务品牌, 青年文明号, 巾帼文明岗, 工人先锋号 …):
//! what an organization or a unit of it was awarded, at which level and in
//! which year, with the services it offers. Article 12 of the 2015 Shaoxing
//! measures speaks of them; the format is in `docs/directory.md`.

use serde::Serialize;

use super::Record;
use crate::base::words::code_list;

/// The kinds of brand and honour an editor may write, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BrandKind {
    /// 青年文明号 (共青团).
    YouthCivilization,
    /// 巾帼文明岗 (妇联).
    WomenCivilization,
    /// 工人先锋号 (工会).
    WorkerPioneer,
    /// 五一劳动奖状 (工会).
    MayDayAward,
    /// 服务品牌: a service an organization is known by.
    ServiceBrand,
}

impl BrandKind {
    pub const ALL: [BrandKind; 5] = [
        BrandKind::YouthCivilization,
        BrandKind::WomenCivilization,
        BrandKind::WorkerPioneer,
        BrandKind::MayDayAward,
        BrandKind::ServiceBrand,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            BrandKind::YouthCivilization => "青年文明号",
            BrandKind::WomenCivilization => "巾帼文明岗",
            BrandKind::WorkerPioneer => "工人先锋号",
            BrandKind::MayDayAward => "五一劳动奖状",
            BrandKind::ServiceBrand => "服务品牌",
        }
    }

    /// The id in URLs and search filters.
    pub fn id(self) -> &'static str {
        match self {
            BrandKind::YouthCivilization => "qingnian-wenminghao",
            BrandKind::WomenCivilization => "jinguo-wenminggang",
            BrandKind::WorkerPioneer => "gongren-xianfenghao",
            BrandKind::MayDayAward => "wuyi-laodong-jiangzhuang",
            BrandKind::ServiceBrand => "fuwu-pinpai",
        }
    }

    /// The kind written as its Chinese name or its id.
    pub fn parse(text: &str) -> Option<BrandKind> {
        let text = text.trim();
        BrandKind::ALL
            .into_iter()
            .find(|k| k.zh() == text || k.id() == text)
    }

    /// Every accepted kind, its name and its id, for a message (as the
    /// run's language lists names: `` `青年文明号`、`qingnian-wenminghao`、… ``).
    pub fn accepted() -> String {
        code_list(BrandKind::ALL.iter().flat_map(|k| [k.zh(), k.id()]))
    }
}

/// Who awarded it: 国家级 above 省级 above 市级 above 县级.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BrandLevel {
    National,
    Provincial,
    City,
    County,
}

impl BrandLevel {
    pub const ALL: [BrandLevel; 4] = [
        BrandLevel::National,
        BrandLevel::Provincial,
        BrandLevel::City,
        BrandLevel::County,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            BrandLevel::National => "国家级",
            BrandLevel::Provincial => "省级",
            BrandLevel::City => "市级",
            BrandLevel::County => "县级",
        }
    }

    pub fn parse(text: &str) -> Option<BrandLevel> {
        Some(match text.trim() {
            "国家级" | "全国" | "national" => BrandLevel::National,
            "省级" | "省" | "provincial" => BrandLevel::Provincial,
            "市级" | "市" | "city" => BrandLevel::City,
            "县级" | "区县级" | "县(市、区)级" | "county" => BrandLevel::County,
            _ => return None,
        })
    }

    /// Every accepted level, for a message.
    pub fn accepted() -> String {
        code_list(BrandLevel::ALL.iter().map(|l| l.zh()))
    }
}

/// Who holds a brand: an organization of the directory, a unit named in
/// words (a hospital ward, a bank branch), or a unit of an organization.
#[derive(Debug, Clone)]
pub struct Holder {
    /// The organization (index into `Directory::organizations`).
    pub organization: Option<usize>,
    /// The unit in words, when it is not (or is part of) an organization.
    pub name: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Brand {
    pub record: Record,
    pub name: String,
    pub kind: BrandKind,
    pub level: BrandLevel,
    pub year: i32,
    pub holder: Holder,
    /// The services it offers (indices into `Directory::services`).
    pub services: Vec<usize>,
}

/// The directory's brands, with what lists them.
#[derive(Debug, Default)]
pub struct Brands {
    pub list: Vec<Brand>,
    /// The kinds with brands, in [`BrandKind::ALL`] order, each with its
    /// brands by level (highest first), then year (newest first), then id.
    pub kinds: Vec<(BrandKind, Vec<usize>)>,
    /// Each organization's brands, in the same order (by organization).
    pub of_organization: std::collections::BTreeMap<usize, Vec<usize>>,
    /// The brands that offer each service, in the same order (by service).
    pub of_service: std::collections::BTreeMap<usize, Vec<usize>>,
}

impl Brands {
    /// The brands of `list` in display order.
    pub fn sort(&self, list: &mut [usize]) {
        list.sort_by(|&a, &b| {
            let (x, y) = (&self.list[a], &self.list[b]);
            (x.level, std::cmp::Reverse(x.year), &x.record.id).cmp(&(
                y.level,
                std::cmp::Reverse(y.year),
                &y.record.id,
            ))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_levels_read_by_name_or_id() {
        assert_eq!(
            BrandKind::parse("巾帼文明岗"),
            Some(BrandKind::WomenCivilization)
        );
        assert_eq!(
            BrandKind::parse("fuwu-pinpai"),
            Some(BrandKind::ServiceBrand)
        );
        assert_eq!(BrandKind::parse("文明号"), None);
        assert_eq!(BrandLevel::parse("省级"), Some(BrandLevel::Provincial));
        assert!(BrandLevel::National < BrandLevel::County);
        assert!(BrandKind::accepted().contains("`工人先锋号`, `gongren-xianfenghao`"));
    }
}
