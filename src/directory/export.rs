//! Open data: the directory as JSON and CSV, and as an Open Referral HSDS
//! 3.0 export.

use super::Directory;
use crate::config::Config;
use crate::content::Content;
use crate::resolve::Urls;

/// Every open-data file, as (path under the output, bytes).
pub fn files(
    dir: &Directory,
    content: &Content,
    urls: &Urls,
    config: &Config,
) -> Vec<(String, Vec<u8>)> {
    let _ = (dir, content, urls, config);
    Vec::new()
}

/// One open-data file, for the open-data page.
#[derive(Debug, serde::Serialize)]
pub struct Described {
    pub path: String,
    pub url: String,
    pub format: &'static str,
    pub description: &'static str,
}

/// The open-data files with what each holds, in the order the page lists them.
pub fn described(urls: &Urls) -> Vec<Described> {
    [
        ("data/organizations.json", "JSON", "全部组织：编号、名称、类型、所在区域、上级组织、地址、电话、邮箱、网站、微信公众号、办公时间（结构化）、服务对象、网上渠道、核实日期、页面地址。"),
        ("data/organizations.csv", "CSV", "同上，每个组织一行；多个值用“;”分隔。"),
        ("data/services.json", "JSON", "全部服务事项：编号、名称、提供组织、服务对象、需求类别、申请条件、所需材料、办理流程、办理渠道、收费、办理时限、落实的政策条款。"),
        ("data/services.csv", "CSV", "同上，每个服务事项一行。"),
        ("data/activities.json", "JSON", "全部活动：编号、名称、主办组织、开始和结束时间（北京时间，ISO 8601）、地点、区域、对象、报名方式、名额、状态。"),
        ("data/activities.csv", "CSV", "同上，每个活动一行。"),
        ("data/hsds/organizations.json", "HSDS 3.0 JSON", "按 Open Referral 人类服务数据规范（HSDS）3.0 导出的组织列表，每个组织含其地点、地址、电话和办公时间；可用规范的 organization 架构校验。"),
        ("data/hsds/services.json", "HSDS 3.0 JSON", "按 HSDS 3.0 导出的服务列表，含提供组织、电话、所需材料和对象；可用规范的 service 架构校验。"),
        ("calendar.ics", "iCalendar", "全部活动的日历订阅（RFC 5545），可导入手机日历；每个组织页面另有该组织的日历。"),
    ]
    .into_iter()
    .map(|(path, format, description)| Described {
        path: path.to_string(),
        url: urls.url(path),
        format,
        description,
    })
    .collect()
}
