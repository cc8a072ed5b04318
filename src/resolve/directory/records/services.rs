//! A service record: its fields read and checked, its channels (线下,
//! 电话, 网上) among them. The articles it implements are linked in
//! [`super::implements`].

use super::contacts::web_address_problem;
use super::{Pending, Refs};
use crate::load::directory::Reader;
use crate::model::directory::{Mode, Record, Service, ServiceChannel};

const SERVICE_FIELDS: &[&str] = &[
    "id",
    "title",
    "provider",
    "audiences",
    "needs",
    "eligibility",
    "documents",
    "steps",
    "channels",
    "cost",
    "time_limit",
    "implements",
    "body",
];

pub(super) fn service(mut r: Reader<'_>, record: Record) -> Option<Pending<Service>> {
    let title = r.required("title");
    let provider = r.required("provider");
    let audiences = r.list("audiences");
    let needs = r.list("needs");
    if audiences.is_empty() {
        let d = r.raw.diagnostic(msg!("dir-service-no-audiences"));
        r.errors.push(d);
    }
    if needs.is_empty() {
        let d = r.raw.diagnostic(msg!("dir-service-no-needs"));
        r.errors.push(d);
    }
    let eligibility = r.text("eligibility");
    let documents = r.list("documents");
    let steps = r.list("steps");
    let mut channels = vec![];
    for c in r.list("channels") {
        match service_channel(&c.value) {
            Ok(ch) => {
                if let (Mode::Online, Some(u)) = (ch.mode, &ch.url) {
                    if let Some(why) = web_address_problem(u) {
                        r.at(&c, msg!("dir-not-url", value = u, reason = why));
                        continue;
                    }
                }
                channels.push(ch)
            }
            Err(m) => r.at(&c, m),
        }
    }
    let cost = r.text("cost");
    let time_limit = r.text("time_limit");
    let implements = r.list("implements");
    r.finish(SERVICE_FIELDS);
    Some(Pending {
        item: Service {
            record,
            title: title?.value,
            provider: usize::MAX,
            audiences: audiences.into_iter().map(|v| v.value).collect(),
            needs: needs.into_iter().map(|v| v.value).collect(),
            eligibility: eligibility.map(|v| v.value),
            documents: documents.into_iter().map(|v| v.value).collect(),
            steps: steps.into_iter().map(|v| v.value).collect(),
            channels,
            cost: cost.map(|v| v.value),
            time_limit: time_limit.map(|v| v.value),
            implements: vec![],
        },
        refs: Refs {
            provider: Some(provider?),
            implements,
            ..Refs::default()
        },
    })
}

fn service_channel(text: &str) -> Result<ServiceChannel, String> {
    let (kind, detail) = text
        .split_once(['：', ':'])
        .map(|(k, d)| (k.trim(), d.trim()))
        .ok_or_else(|| msg!("dir-channel-no-kind", channel = text))?;
    let mode = match kind {
        "线下" | "到场" | "现场" | "窗口" => Mode::InPerson,
        "电话" | "热线" => Mode::Phone,
        "网上" | "在线" | "线上" => Mode::Online,
        _ => {
            return Err(msg!("dir-channel-bad-kind", channel = text, kind = kind));
        }
    };
    let url = match mode {
        Mode::Online => detail
            .split_whitespace()
            .find(|w| w.contains("://"))
            .map(str::to_string),
        Mode::Phone => detail
            .split(|c: char| !(c.is_ascii_digit() || c == '-'))
            .find(|w| w.chars().filter(char::is_ascii_digit).count() >= 3)
            .map(|n| format!("tel:{}", n.trim_matches('-'))),
        Mode::InPerson => None,
    };
    Ok(ServiceChannel {
        mode,
        detail: detail.to_string(),
        url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_channels() {
        let c = service_channel("电话：12351（工作日）").unwrap();
        assert_eq!((c.mode, c.url.as_deref()), (Mode::Phone, Some("tel:12351")));
        let c = service_channel("网上: https://a.example/x 预约").unwrap();
        assert_eq!(c.url.as_deref(), Some("https://a.example/x"));
        assert!(service_channel("邮寄：某地").is_err());
    }
}
