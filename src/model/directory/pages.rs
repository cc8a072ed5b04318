//! The pages the directory has: one per record, the browse pages (by need,
//! by audience, 找组织 in two steps, brands by kind), the calendar and the open-data page,
//! with their URL paths.

use crate::model::directory::Directory;

/// One page of the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DirPage {
    Region(usize),
    OrgType(usize),
    Organization(usize),
    Service(usize),
    Activity(usize),
    /// A brand or honour.
    Brand(usize),
    /// The brands by kind (品牌荣誉分类).
    BrandKinds,
    /// One kind's brands, by level and year (index into `Brands::kinds`).
    BrandKind(usize),
    /// 找组织 step 1: the needs.
    FindStart,
    /// Step 2: where you live, for a need.
    FindNeed(usize),
    /// The answer for a need and a region.
    FindAnswer(usize, usize),
    Need(usize),
    Audience(usize),
    Calendar,
    Month(usize),
    Data,
    /// 资金公开: an organization's disclosure for a year.
    Funds(usize),
}

impl DirPage {
    /// Every page of the directory.
    pub fn all(dir: &Directory) -> Vec<DirPage> {
        if dir.is_empty() {
            return vec![];
        }
        let mut pages = vec![];
        pages.extend((0..dir.regions.len()).map(DirPage::Region));
        pages.extend((0..dir.types.len()).map(DirPage::OrgType));
        pages.extend((0..dir.organizations.len()).map(DirPage::Organization));
        pages.extend((0..dir.services.len()).map(DirPage::Service));
        pages.extend((0..dir.activities.len()).map(DirPage::Activity));
        pages.extend((0..dir.brands.list.len()).map(DirPage::Brand));
        if !dir.brands.kinds.is_empty() {
            pages.push(DirPage::BrandKinds);
            pages.extend((0..dir.brands.kinds.len()).map(DirPage::BrandKind));
        }
        pages.push(DirPage::FindStart);
        let regions = dir.find_regions();
        for n in 0..dir.needs.len() {
            pages.push(DirPage::FindNeed(n));
            pages.extend(regions.iter().map(|&r| DirPage::FindAnswer(n, r)));
            pages.push(DirPage::Need(n));
        }
        pages.extend((0..dir.audiences.len()).map(DirPage::Audience));
        pages.push(DirPage::Calendar);
        pages.extend((0..dir.months.len()).map(DirPage::Month));
        pages.push(DirPage::Data);
        pages.extend((0..dir.funds.len()).map(DirPage::Funds));
        pages
    }

    /// Its URL path.
    pub fn path(self, dir: &Directory) -> String {
        match self {
            DirPage::Region(i) => dir.regions[i].record.path.clone(),
            DirPage::OrgType(i) => dir.types[i].record.path.clone(),
            DirPage::Organization(i) => dir.organizations[i].record.path.clone(),
            DirPage::Service(i) => dir.services[i].record.path.clone(),
            DirPage::Activity(i) => dir.activities[i].record.path.clone(),
            DirPage::Brand(i) => dir.brands.list[i].record.path.clone(),
            DirPage::BrandKinds => "brand-kinds/".into(),
            DirPage::BrandKind(k) => format!("brand-kinds/{}/", dir.brands.kinds[k].0.id()),
            DirPage::FindStart => "find/".into(),
            DirPage::FindNeed(n) => format!("find/{}/", dir.needs[n].name),
            DirPage::FindAnswer(n, r) => {
                format!("find/{}/{}/", dir.needs[n].name, dir.regions[r].record.id)
            }
            DirPage::Need(n) => dir.needs[n].path.clone(),
            DirPage::Audience(a) => dir.audiences[a].path.clone(),
            DirPage::Calendar => "calendar/".into(),
            DirPage::Month(m) => format!("calendar/{}/", dir.months[m].0),
            DirPage::Data => "data/".into(),
            DirPage::Funds(i) => dir.funds[i].path.clone(),
        }
    }
}
