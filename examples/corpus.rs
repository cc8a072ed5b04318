//! Synthetic corpus generator for the build benchmark (see `bench/README.md`).
//!
//! ```text
//! cargo run --release --example corpus -- --pages N OUT [--hugo]
//! cargo run --release --example corpus -- --province OUT [--scale PERCENT]
//! ```
//!
//! Writes a gongkai site with `N` pages of policy-like Chinese prose into `OUT`
//! (`OUT/gongkai.yaml`, `OUT/content/...`). With `--hugo`, also writes an
//! equivalent Hugo site with the same content and a comparable minimal theme
//! into the sibling directory `OUT-hugo`.
//!
//! With `--province`, writes instead a site that is mostly a directory (see
//! `docs/directory.md`) the size of Zhejiang's: 11 cities (市, real names), 90
//! county-level units (区县, real names), 1,300 乡镇街道 and 20,000 村社区
//! (generated names, fictitious division codes) in `regions/regions.csv`; the
//! eleven organization types (the repository's `content/org-types/org-types.yaml`);
//! all eleven types at every city and county, 工会, 共青团 and 妇联 at every
//! 乡镇街道, and 工会, 团支部 and 妇联 at every 村社区 (about 65,000
//! organizations, one CSV table per city, fictitious addresses and
//! `0571-0000-NNNN` phones, parents village → township → county → city);
//! about 4,000 services (a YAML table for city organizations, one CSV table per
//! city for the rest), each implementing articles of a generated 33-article
//! policy named by `directory.policy`; and about 2,600 activities between
//! 2026-07 and 2027-06. `--scale PERCENT` (1–1000, default 100) scales the
//! number of 乡镇街道 and 村社区 (and so most organizations, services and
//! activities); the cities and counties stay. It prints one line of counts.
//! There is no Hugo version of this corpus: Hugo cannot read CSV records as
//! pages without content adapters.
//!
//! The output is deterministic: a fixed-seed splitmix64 generator drives every
//! choice, and each page (or region) draws from its own stream (seeded from its
//! number), so the same arguments always yield byte-identical files.
//!
//! Only `std` is used, so the file can also be compiled on its own
//! (`rustc -O examples/corpus.rs`).

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const SEED: u64 = 0x6f6e_676b_6169_2d31; // "ongkai-1"

/// Top-level sections are capped so that the navigation (which lists them on
/// every page) stays the size of a real site's; the remaining sections are
/// nested one level down.
const MAX_TOP_SECTIONS: usize = 16;

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

/// splitmix64: tiny, fast, and good enough for synthetic text.
struct Rng(u64);

impl Rng {
    /// An independent stream for item `i` of kind `salt`.
    fn stream(salt: u64, i: u64) -> Self {
        let mut r = Rng(SEED ^ salt.wrapping_mul(0xa076_1d64_78bd_642f));
        r.0 ^= i.wrapping_mul(0xe703_7ed1_a0b4_28db);
        r.next_u64();
        r
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------
// Vocabulary (~200 common policy phrases)
// ---------------------------------------------------------------------------

/// Objects of work: "加强 + X".
const NOUNS: &[&str] = &[
    "群团组织",
    "服务群众",
    "基层组织建设",
    "志愿服务",
    "权益维护",
    "联系群众机制",
    "思想政治引领",
    "干部队伍建设",
    "阵地建设",
    "网上群团工作",
    "社会组织",
    "青年工作",
    "妇女儿童工作",
    "工会工作",
    "职工权益保障",
    "民主管理",
    "厂务公开",
    "困难职工帮扶",
    "劳模精神弘扬",
    "技能人才培养",
    "乡村振兴",
    "社区治理",
    "公共服务",
    "便民服务",
    "法治宣传教育",
    "政策解读",
    "政务信息公开",
    "监督检查",
    "考核评价",
    "责任落实",
    "制度建设",
    "作风建设",
    "党风廉政建设",
    "经费保障",
    "工作机制",
    "协调联动",
    "数字化转型",
    "服务平台建设",
    "宣传教育",
    "典型示范",
    "人才队伍建设",
    "统计监测",
    "风险防控",
    "安全生产",
    "应急处置",
    "营商环境",
    "民生保障",
    "就业创业服务",
    "社会保障",
    "养老服务",
    "托育服务",
    "文化建设",
    "精神文明建设",
    "新时代文明实践",
    "党建带群建",
    "基层减负",
    "矛盾纠纷化解",
    "群众来信来访",
    "网格化管理",
    "城乡融合发展",
    "生态环境保护",
    "农民工服务",
    "新就业形态劳动者权益",
    "青少年思想教育",
    "家庭家教家风建设",
    "巾帼建功行动",
    "职工素质提升",
    "产业工人队伍建设改革",
    "社会救助",
    "慈善事业",
    "科普工作",
    "人才引进",
    "标准化建设",
    "信息化建设",
    "项目化运作",
    "品牌化建设",
];

/// Verbs and verb phrases.
const VERBS: &[&str] = &[
    "加强",
    "推进",
    "深化",
    "完善",
    "健全",
    "落实",
    "统筹",
    "强化",
    "提升",
    "优化",
    "规范",
    "拓展",
    "创新",
    "巩固",
    "夯实",
    "扎实推进",
    "着力加强",
    "持续深化",
    "全面落实",
    "切实做好",
    "积极探索",
    "大力推动",
    "不断完善",
    "进一步规范",
    "稳步推进",
    "认真抓好",
    "统筹推进",
    "系统谋划",
];

/// Plain two-character verbs, for patterns that put an adverb in front.
const SIMPLE_VERBS: &[&str] = &[
    "加强", "推进", "深化", "完善", "健全", "落实", "统筹", "强化", "提升", "优化", "规范", "拓展",
    "创新", "巩固", "夯实", "做好", "抓好",
];

/// Sentence openers.
const OPENERS: &[&str] = &[
    "坚持以人民为中心的发展思想",
    "围绕中心、服务大局",
    "按照市委统一部署",
    "根据有关法律法规和政策规定",
    "为进一步做好新形势下的各项工作",
    "在市委的坚强领导下",
    "立足新发展阶段",
    "坚持问题导向和目标导向",
    "坚持守正创新",
    "坚持系统观念",
    "对照年度目标任务",
    "结合本地区实际",
    "从群众最关心最直接最现实的利益问题入手",
    "聚焦重点领域和关键环节",
    "紧扣高质量发展主题",
    "坚持试点先行、以点带面",
];

/// Goals that close a sentence.
const GOALS: &[&str] = &[
    "不断增强政治性、先进性、群众性",
    "切实提高工作实效",
    "形成工作合力",
    "确保各项任务落到实处",
    "推动工作高质量发展",
    "更好满足群众多样化需求",
    "营造良好社会氛围",
    "切实维护群众合法权益",
    "增强群众获得感、幸福感、安全感",
    "打通服务群众“最后一公里”",
    "为经济社会发展作出新的贡献",
    "提升基层治理效能",
    "筑牢基层基础",
    "推动形成长效机制",
    "确保取得实实在在的成效",
    "以实际行动践行初心使命",
];

/// Organisations and subjects.
const ORGS: &[&str] = &[
    "各级工会组织",
    "各级共青团组织",
    "各级妇联组织",
    "各区县（市）",
    "市直各单位",
    "各街道（乡镇）",
    "各社区（村）",
    "各有关部门",
    "各级群团组织",
    "各行业主管部门",
    "基层党组织",
    "志愿服务组织",
];

/// Adverbs.
const ADVERBS: &[&str] = &[
    "切实",
    "不断",
    "进一步",
    "全面",
    "持续",
    "主动",
    "积极",
    "认真",
    "扎实",
    "有序",
];

/// Activities with a count.
const ACTIVITIES: &[&str] = &[
    "志愿服务活动",
    "政策宣讲",
    "走访慰问",
    "技能培训",
    "法律咨询",
    "健康义诊",
    "主题教育活动",
    "调研座谈",
    "帮扶救助",
    "文化惠民演出",
];

/// Units, responsibilities and deadlines for tables.
const UNITS: &[&str] = &[
    "市总工会",
    "团市委",
    "市妇联",
    "市民政局",
    "市人力资源社会保障局",
    "市财政局",
    "市司法局",
    "市农业农村局",
    "各区县（市）",
    "市委组织部",
    "市委宣传部",
    "市发展改革委",
];
const DEADLINES: &[&str] = &[
    "长期坚持",
    "年内完成",
    "2022年6月底前",
    "2022年底前",
    "2023年底前",
    "持续推进",
];

/// Document kinds used in page titles.
const DOC_KINDS: &[&str] = &[
    "通知",
    "意见",
    "实施方案",
    "工作要点",
    "办法",
    "报告",
    "情况通报",
];

const ISSUERS: &[(&str, &str)] = &[
    ("中共某某市委", "某委发"),
    ("中共某某市委办公厅", "某委办发"),
    ("某某市人民政府", "某政发"),
    ("某某市人民政府办公厅", "某政办发"),
    ("某某市总工会", "某工发"),
    ("共青团某某市委", "某团发"),
];
const ADDRESSEES: &[&str] = &[
    "各区、县（市）党委",
    "各区、县（市）人民政府，市政府各部门",
    "各区、县（市）总工会，市各产业工会",
    "市直各单位",
];
const TOPICS: &[&str] = &[
    "群团工作",
    "基层治理",
    "志愿服务",
    "权益维护",
    "乡村振兴",
    "民生保障",
    "就业创业",
];

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const DIGITS_ZH: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// Chinese numeral for 1..=9999 (三, 十二, 二十, 一百零五, ...).
fn zh_number(n: usize) -> String {
    if n == 0 {
        return "零".into();
    }
    if n < 10 {
        return DIGITS_ZH[n].into();
    }
    if n < 20 {
        return format!("十{}", if n % 10 == 0 { "" } else { DIGITS_ZH[n % 10] });
    }
    let units = [(1000, "千"), (100, "百"), (10, "十")];
    let mut out = String::new();
    let mut rest = n;
    let mut pending_zero = false;
    for (value, name) in units {
        let d = rest / value;
        rest %= value;
        if d > 0 {
            if pending_zero {
                out.push('零');
                pending_zero = false;
            }
            out.push_str(DIGITS_ZH[d]);
            out.push_str(name);
        } else if !out.is_empty() {
            pending_zero = true;
        }
    }
    if rest > 0 {
        if pending_zero {
            out.push('零');
        }
        out.push_str(DIGITS_ZH[rest]);
    }
    out
}

/// Days since 1970-01-01 to (year, month, day) (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn fmt_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// 2018-01-01 .. 2024-12-31 as days since the epoch.
const DAY_MIN: i64 = 17_532;
const DAY_MAX: i64 = 20_088;

fn digits(n: usize) -> usize {
    n.to_string().len()
}

// ---------------------------------------------------------------------------
// Site model
// ---------------------------------------------------------------------------

struct Section {
    /// Path below `content/`, e.g. `s003` or `s003/sub01`.
    path: String,
    title: String,
    /// Position among its siblings, 1-based (orders the navigation).
    weight: usize,
    sort_by_weight: bool,
}

struct PageMeta {
    section: usize,
    /// File stem, e.g. `p000123`.
    stem: String,
    title: String,
    /// Index into `ISSUERS` for policy documents.
    issuer: Option<usize>,
}

impl PageMeta {
    fn content_path(&self, sections: &[Section]) -> String {
        format!("{}/{}.md", sections[self.section].path, self.stem)
    }
}

fn plan_sections(pages: usize) -> Vec<Section> {
    let total = (pages / 200).max(5);
    // total >= 5, so at least one section is nested.
    let top = total.clamp(4, MAX_TOP_SECTIONS).min(total - 1);
    // Sub-sections are handed out round-robin to the top-level sections,
    // starting with the third one, so the first sections stay flat.
    let subs = total - top;
    let mut sub_count = vec![0usize; top];
    for k in 0..subs {
        sub_count[(k + 2) % top] += 1;
    }
    let top_w = digits(top).max(3);
    let sub_w = digits(sub_count.iter().copied().max().unwrap_or(0)).max(2);
    let mut rng = Rng::stream(1, 0);
    let mut out = Vec::with_capacity(total);
    for (t, &n_sub) in sub_count.iter().enumerate() {
        let top_path = format!("s{:0w$}", t + 1, w = top_w);
        out.push(Section {
            path: top_path.clone(),
            title: format!("栏目{}", zh_number(t + 1)),
            weight: t + 1,
            sort_by_weight: rng.chance(30),
        });
        for s in 0..n_sub {
            out.push(Section {
                path: format!("{top_path}/sub{:0w$}", s + 1, w = sub_w),
                title: format!("栏目{}·专题{}", zh_number(t + 1), zh_number(s + 1)),
                weight: s + 1,
                sort_by_weight: rng.chance(30),
            });
        }
    }
    out
}

fn plan_pages(pages: usize, sections: &[Section]) -> Vec<PageMeta> {
    let w = digits(pages).max(6);
    (0..pages)
        .map(|i| {
            let n = i + 1;
            let mut rng = Rng::stream(2, n as u64);
            let issuer = rng.chance(5).then(|| rng.below(ISSUERS.len()));
            let title = if let Some(k) = issuer {
                let issuer = ISSUERS[k].0;
                format!(
                    "{issuer}关于{}{}的{}（第{n}号）",
                    rng.pick(VERBS),
                    rng.pick(NOUNS),
                    rng.pick(&["意见", "通知", "实施意见", "若干措施", "决定"])
                )
            } else {
                format!(
                    "关于{}{}工作的{}（第{n}号）",
                    rng.pick(VERBS),
                    rng.pick(NOUNS),
                    rng.pick(DOC_KINDS)
                )
            };
            PageMeta {
                // Consecutive blocks of pages per section.
                section: i * sections.len() / pages,
                stem: format!("p{n:0w$}"),
                title,
                issuer,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Prose
// ---------------------------------------------------------------------------

fn sentence(rng: &mut Rng, out: &mut String) {
    match rng.below(6) {
        0 => {
            let _ = write!(
                out,
                "{}，{}{}，{}{}，{}。",
                rng.pick(OPENERS),
                rng.pick(VERBS),
                rng.pick(NOUNS),
                rng.pick(VERBS),
                rng.pick(NOUNS),
                rng.pick(GOALS)
            );
        }
        1 => {
            let _ = write!(
                out,
                "{}是{}的重要内容，要{}{}和{}，{}。",
                rng.pick(NOUNS),
                rng.pick(NOUNS),
                rng.pick(VERBS),
                rng.pick(NOUNS),
                rng.pick(NOUNS),
                rng.pick(GOALS)
            );
        }
        2 => {
            let _ = write!(
                out,
                "{}要{}{}{}，{}{}{}。",
                rng.pick(ORGS),
                rng.pick(ADVERBS),
                rng.pick(SIMPLE_VERBS),
                rng.pick(NOUNS),
                rng.pick(ADVERBS),
                rng.pick(SIMPLE_VERBS),
                rng.pick(NOUNS)
            );
        }
        3 => {
            let _ = write!(
                out,
                "全年共开展{}{}场次，覆盖群众{}万人次，{}。",
                rng.pick(ACTIVITIES),
                rng.range(12, 980),
                rng.range(1, 96),
                rng.pick(GOALS)
            );
        }
        4 => {
            let _ = write!(
                out,
                "{}，{}统筹{}与{}，{}。",
                rng.pick(OPENERS),
                rng.pick(ORGS),
                rng.pick(NOUNS),
                rng.pick(NOUNS),
                rng.pick(GOALS)
            );
        }
        _ => {
            let _ = write!(
                out,
                "建立健全{}、{}和{}相衔接的工作体系，{}。",
                rng.pick(NOUNS),
                rng.pick(NOUNS),
                rng.pick(NOUNS),
                rng.pick(GOALS)
            );
        }
    }
}

/// A paragraph of roughly `target` characters.
fn paragraph(rng: &mut Rng, target: usize) -> String {
    let mut p = String::new();
    while p.chars().count() < target {
        sentence(rng, &mut p);
    }
    p
}

fn description(rng: &mut Rng) -> String {
    format!(
        "{}{}，{}。",
        rng.pick(VERBS),
        rng.pick(NOUNS),
        rng.pick(GOALS)
    )
}

fn table(rng: &mut Rng, out: &mut String) {
    out.push_str("| 序号 | 工作任务 | 责任单位 | 完成时限 |\n");
    out.push_str("| --- | --- | --- | --- |\n");
    for r in 1..=rng.range(3, 6) {
        let _ = writeln!(
            out,
            "| {r} | {}{} | {} | {} |",
            rng.pick(VERBS),
            rng.pick(NOUNS),
            rng.pick(UNITS),
            rng.pick(DEADLINES)
        );
    }
    out.push('\n');
}

fn list(rng: &mut Rng, out: &mut String) {
    let ordered = rng.chance(40);
    for k in 1..=rng.range(3, 6) {
        if ordered {
            let _ = write!(out, "{k}. ");
        } else {
            out.push_str("- ");
        }
        let _ = writeln!(
            out,
            "{}{}，{}。",
            rng.pick(VERBS),
            rng.pick(NOUNS),
            rng.pick(GOALS)
        );
    }
    out.push('\n');
}

fn code_block(rng: &mut Rng, out: &mut String) {
    let _ = write!(
        out,
        "```yaml\n# {}配置示例\nservice:\n  name: {}\n  hours: {}\n  open: true\n  contacts:\n    - unit: {}\n      phone: \"0571-{:08}\"\n```\n\n",
        rng.pick(NOUNS),
        rng.pick(ACTIVITIES),
        rng.range(4, 12),
        rng.pick(UNITS),
        rng.range(1_000_000, 99_999_999)
    );
}

/// Markdown body of an ordinary page, 3–8 paragraphs, ~500–2,000 characters.
fn article_body(rng: &mut Rng, me: usize, pages: &[PageMeta], sections: &[Section]) -> String {
    let paras = rng.range(3, 8);
    let target = rng.range(450, 1700);
    let per = (target / paras).max(60);
    let headings = rng.chance(60);
    let table_at = if rng.chance(10) {
        Some(rng.below(paras))
    } else {
        None
    };
    let list_at = if rng.chance(20) {
        Some(rng.below(paras))
    } else {
        None
    };
    let code_at = if rng.chance(1) {
        Some(rng.below(paras))
    } else {
        None
    };
    let link_at = if pages.len() > 1 && rng.chance(30) {
        Some(rng.below(paras))
    } else {
        None
    };

    let mut out = String::with_capacity(target * 3 + 512);
    let mut heading_no = 0;
    for k in 0..paras {
        if headings && k > 0 && (k == 1 || rng.chance(40)) {
            heading_no += 1;
            let _ = write!(
                out,
                "## {}、{}{}\n\n",
                zh_number(heading_no),
                rng.pick(VERBS),
                rng.pick(NOUNS)
            );
        }
        let mut p = paragraph(rng, per);
        if link_at == Some(k) {
            let mut target = rng.below(pages.len() - 1);
            if target >= me {
                target += 1;
            }
            let t = &pages[target];
            if rng.chance(50) {
                let _ = write!(p, "具体要求[见](@/{})。", t.content_path(sections));
            } else {
                let _ = write!(p, "详见[《{}》](@/{})。", t.title, t.content_path(sections));
            }
        }
        out.push_str(&p);
        out.push_str("\n\n");
        if table_at == Some(k) {
            table(rng, &mut out);
        }
        if list_at == Some(k) {
            list(rng, &mut out);
        }
        if code_at == Some(k) {
            code_block(rng, &mut out);
        }
    }
    out
}

/// Plain-line body of a policy document: preface, chapters `一、…`, articles
/// `1．…` numbered across the whole document, items `（一）…`.
fn policy_body(rng: &mut Rng) -> String {
    let mut out = String::with_capacity(4096);
    let _ = writeln!(
        out,
        "为深入贯彻落实上级有关部署要求，{}，{}{}，{}，现就{}{}提出如下意见。",
        rng.pick(OPENERS),
        rng.pick(VERBS),
        rng.pick(NOUNS),
        rng.pick(GOALS),
        rng.pick(VERBS),
        rng.pick(NOUNS)
    );
    let chapters = rng.range(2, 6);
    let mut article = 0;
    for c in 1..=chapters {
        let _ = writeln!(
            out,
            "{}、{}{}工作",
            zh_number(c),
            rng.pick(VERBS),
            rng.pick(NOUNS)
        );
        let _ = writeln!(out, "{}", paragraph(rng, 30));
        for _ in 0..rng.range(2, 5) {
            article += 1;
            let (verb, noun) = (rng.pick(VERBS), rng.pick(NOUNS));
            let len = rng.range(20, 60);
            let _ = writeln!(out, "{article}．{verb}{noun}。{}", paragraph(rng, len));
            if rng.chance(30) {
                items(&mut out, rng, 5);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

struct Writer {
    root: PathBuf,
    hugo: Option<PathBuf>,
}

impl Writer {
    fn write(&self, rel: &str, gongkai: &str, hugo: impl FnOnce(&str) -> String) -> io::Result<()> {
        write_file(&self.root.join(rel), gongkai)?;
        if let Some(h) = &self.hugo {
            write_file(&h.join(rel), &hugo(gongkai))?;
        }
        Ok(())
    }
}

fn write_file(path: &Path, text: &str) -> io::Result<()> {
    fs::write(path, text).or_else(|e| {
        if e.kind() == io::ErrorKind::NotFound {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(path, text)
        } else {
            Err(e)
        }
    })
}

/// Rewrites `](@/path.md)` internal links into Hugo's `relref` shortcode
/// (which, like `ref`, resolves the target page and fails the build if it is missing).
fn hugo_links(md: &str) -> String {
    let mut out = String::with_capacity(md.len() + 64);
    let mut rest = md;
    while let Some(pos) = rest.find("](@/") {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 4..];
        let end = after.find(')').expect("internal link is closed");
        let _ = write!(out, "]({{{{< relref \"/{}\" >}}}})", &after[..end]);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Policy bodies are one paragraph per line; Hugo's Markdown would merge the
/// lines into one paragraph, so separate them with blank lines there.
fn hugo_policy(md: &str) -> String {
    let (front, body) = split_front(md);
    let mut out = String::with_capacity(md.len() * 2);
    out.push_str(front);
    for line in body.lines() {
        out.push_str(line);
        out.push_str("\n\n");
    }
    out
}

fn split_front(md: &str) -> (&str, &str) {
    // Front matter is "---\n...\n---\n".
    let end = md[4..].find("\n---\n").map(|p| p + 4 + 5).unwrap_or(0);
    md.split_at(end)
}

const GONGKAI_CONFIG: &str = "title: 基准测试站点
base_url: https://bench.example.org/
language: zh-CN
theme: default
feed: true
sitemap: true
";

const HUGO_CONFIG: &str = "baseURL: https://bench.example.org/
locale: zh-CN
title: 基准测试站点
hasCJKLanguage: true
disableKinds: [taxonomy, term]
pagination:
  pagerSize: 20
# One site-wide feed (like gongkai's `feed: true`) rather than one per section.
outputs:
  home: [html, rss]
  section: [html]
  page: [html]
services:
  rss:
    limit: 20
markup:
  tableOfContents:
    startLevel: 2
    endLevel: 3
";

fn hugo_layouts(root: &Path) -> io::Result<()> {
    let files: &[(&str, &str)] = &[
        ("layouts/baseof.html", HUGO_BASEOF),
        ("layouts/single.html", HUGO_SINGLE),
        ("layouts/list.html", HUGO_LIST),
        ("layouts/home.html", HUGO_HOME),
        ("layouts/_partials/nav.html", HUGO_NAV),
        ("layouts/_partials/page-list.html", HUGO_PAGE_LIST),
        ("layouts/_partials/sorted.html", HUGO_SORTED),
    ];
    for (rel, text) in files {
        write_file(&root.join(rel), text)?;
    }
    Ok(())
}

// The Hugo theme below mirrors gongkai's `themes/default` templates element for
// element (header and navigation, breadcrumbs, JSON-LD, table of contents,
// policy metadata, prev/next, paginated lists, home page lists, footer), so
// that both generators do comparable work. What it cannot mirror: gongkai
// parses policy documents into chapters and articles, builds a chapter/article
// table of contents and writes one extra page per article.

const HUGO_BASEOF: &str = r##"<!DOCTYPE html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ site.Title }}{{ end }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "css/site.css" | relURL }}">
<link rel="stylesheet" href="{{ "css/syntax.css" | relURL }}">
<link rel="stylesheet" href="{{ "css/print.css" | relURL }}" media="print">
{{ with site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" title="{{ site.Title }}" href="{{ .RelPermalink }}">{{ end }}
{{ block "head" . }}{{ end }}
</head>
<body>
<a class="skip-link" href="#main-content">跳到正文</a>
<header class="site-header">
<div class="container header-inner">
<a class="site-title" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
{{ partialCached "nav.html" . .Section }}
</div>
</header>
<div class="container">
{{- if not .IsHome }}
<nav class="breadcrumbs" aria-label="当前位置">
<ol>
{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}<li><span aria-current="page">{{ .Title }}</span></li>
</ol>
</nav>
{{- end }}
<main id="main-content" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
</div>
<footer class="site-footer">
<div class="container">
<p>{{ site.Title }}</p>
<p><a href="{{ "sitemap.xml" | relURL }}">网站地图</a> · <a href="{{ "index.xml" | relURL }}">订阅更新（RSS）</a></p>
</div>
</footer>
</body>
</html>
"##;

/// The section navigation. `site.Sections` costs O(pages) per call in Hugo
/// 0.168 (it made a 10,000-page build ten times slower), so the nav is cached
/// per top-level section with `partialCached`, the usual Hugo idiom.
const HUGO_NAV: &str = r##"<nav class="site-nav" aria-label="主导航">
<ul>
{{ range site.Sections }}<li><a href="{{ .RelPermalink }}"{{ if eq $.Section .Section }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
{{ end }}</ul>
</nav>
"##;

const HUGO_PAGE_LIST: &str = r##"<ul class="page-list">
{{ range . }}<li>
<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ if eq .Params.type "policy" }} <span class="tag">政策文件</span>{{ end }}
{{ if not .Date.IsZero }}<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time>{{ end }}
{{ with .Description }}<p>{{ . }}</p>{{ end }}
</li>
{{ end }}</ul>
"##;

const HUGO_SINGLE: &str = r##"{{ define "title" }}{{ .Title }} - {{ site.Title }}{{ end }}
{{ define "head" }}<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" (cond (eq .Params.type "policy") "Legislation" "Article") "headline" .Title "url" .Permalink "datePublished" (.Date.Format "2006-01-02") "description" .Description "publisher" (dict "@type" "Organization" "name" site.Title) | jsonify | safeJS }}</script>{{ end }}
{{ define "main" }}
{{- if eq .Params.type "policy" }}
<article class="policy">
<h1>{{ .Title }}</h1>
<section class="policy-meta" aria-labelledby="policy-meta-heading">
<h2 id="policy-meta-heading" class="visually-hidden">文件信息</h2>
<dl>
<div><dt>发文机关</dt><dd>{{ .Params.issuer }}</dd></div>
{{ with .Params.doc_number }}<div><dt>发文字号</dt><dd>{{ . }}</dd></div>{{ end }}
<div><dt>成文日期</dt><dd><time datetime="{{ time.Format "2006-01-02" .Params.written }}">{{ time.Format "2006年1月2日" .Params.written }}</time></dd></div>
{{ with .Params.published }}<div><dt>发布日期</dt><dd><time datetime="{{ time.Format "2006-01-02" . }}">{{ time.Format "2006年1月2日" . }}</time></dd></div>{{ end }}
{{ with .Params.addressee }}<div><dt>主送</dt><dd>{{ . }}</dd></div>{{ end }}
{{ with .Params.topics }}<div><dt>主题分类</dt><dd>{{ delimit . "、" }}</dd></div>{{ end }}
<div><dt>有效性</dt><dd class="status status-{{ .Params.status }}">现行有效</dd></div>
</dl>
</section>
{{ .Content }}
</article>
{{- else }}
<article>
<h1>{{ .Title }}</h1>
<p class="page-date">发布日期：<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time></p>
{{ if gt (len .Fragments.HeadingsMap) 2 }}<nav class="toc" aria-labelledby="toc-heading"><h2 id="toc-heading">目录</h2>{{ .TableOfContents }}</nav>{{ end }}
<div class="prose">{{ .Content }}</div>
</article>
{{- end }}
{{ if or .PrevInSection .NextInSection }}<nav class="prev-next" aria-label="同栏目文章">
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}" rel="prev">上一篇：{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}" rel="next">下一篇：{{ .Title }}</a>{{ end }}
</nav>{{ end }}
{{ end }}
"##;

/// A section's pages in its `sort_by` order (both the title and the main block
/// paginate them, and Hugo requires the same arguments each time).
const HUGO_SORTED: &str = r##"{{ $pages := .RegularPages }}
{{ if eq .Params.sort_by "weight" }}{{ $pages = $pages.ByWeight }}{{ else }}{{ $pages = $pages.ByDate.Reverse }}{{ end }}
{{ return $pages }}
"##;

const HUGO_LIST: &str = r##"{{ define "title" }}{{ .Title }}{{ $pager := .Paginate (partial "sorted.html" .) }}{{ if gt $pager.PageNumber 1 }}（第{{ $pager.PageNumber }}页）{{ end }} - {{ site.Title }}{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Content }}<div class="prose">{{ . }}</div>{{ end }}
{{ with .Sections }}<ul class="section-list">
{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>（{{ len .RegularPages }}）</li>
{{ end }}</ul>{{ end }}
{{- $pager := .Paginate (partial "sorted.html" .) }}
{{ partial "page-list.html" $pager.Pages }}
{{ if gt $pager.TotalPages 1 }}<nav class="pagination" aria-label="分页">
{{ with $pager.Prev }}<a href="{{ .URL }}" rel="prev">上一页</a>{{ end }}
<span>第 {{ $pager.PageNumber }} / {{ $pager.TotalPages }} 页，共 {{ $pager.TotalNumberOfElements }} 篇</span>
{{ with $pager.Next }}<a href="{{ .URL }}" rel="next">下一页</a>{{ end }}
</nav>{{ end }}
{{ end }}
"##;

const HUGO_HOME: &str = r##"{{ define "main" }}
<h1>{{ site.Title }}</h1>
{{ with .Content }}<div class="prose">{{ . }}</div>{{ end }}
{{ with first 10 (where site.RegularPages "Params.type" "policy").ByDate.Reverse }}<section aria-labelledby="home-policies">
<h2 id="home-policies">政策文件</h2>
{{ partial "page-list.html" . }}
</section>{{ end }}
{{ with .Sections }}<section aria-labelledby="home-sections">
<h2 id="home-sections">栏目</h2>
<ul class="section-list">
{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}</ul>
</section>{{ end }}
<section aria-labelledby="home-recent">
<h2 id="home-recent">最近更新</h2>
{{ partial "page-list.html" (first 10 site.RegularPages.ByDate.Reverse) }}
</section>
{{ end }}
"##;

fn generate(n_pages: usize, out: &Path, hugo: Option<PathBuf>) -> io::Result<()> {
    let sections = plan_sections(n_pages);
    let pages = plan_pages(n_pages, &sections);

    let w = Writer {
        root: out.to_path_buf(),
        hugo,
    };
    write_file(&out.join("gongkai.yaml"), GONGKAI_CONFIG)?;
    if let Some(h) = &w.hugo {
        write_file(&h.join("hugo.yaml"), HUGO_CONFIG)?;
        hugo_layouts(h)?;
    }

    let same = |s: &str| s.to_string();
    w.write(
        "content/_index.md",
        "---\ntitle: 首页\n---\n\n本站为构建性能基准测试自动生成的示例站点，内容均为虚构。\n",
        same,
    )?;

    for (k, s) in sections.iter().enumerate() {
        let mut rng = Rng::stream(3, k as u64);
        let text = format!(
            "---\ntitle: {}\ndescription: {}\nweight: {}\nsort_by: {}\npaginate_by: 20\n---\n\n{}\n",
            s.title,
            description(&mut rng),
            s.weight,
            if s.sort_by_weight { "weight" } else { "date" },
            paragraph(&mut rng, 60)
        );
        w.write(&format!("content/{}/_index.md", s.path), &text, same)?;
    }

    for (i, p) in pages.iter().enumerate() {
        let mut rng = Rng::stream(4, i as u64 + 1);
        let section = &sections[p.section];
        let day = DAY_MIN + rng.below((DAY_MAX - DAY_MIN) as usize + 1) as i64;
        let mut text = String::with_capacity(6144);
        let _ = write!(text, "---\ntitle: {}\ndate: {}\n", p.title, fmt_date(day));
        if rng.chance(if section.sort_by_weight { 90 } else { 10 }) {
            let _ = writeln!(text, "weight: {}", rng.range(1, 99) * 10);
        }
        let _ = writeln!(text, "description: {}", description(&mut rng));
        if let Some(k) = p.issuer {
            let (issuer, prefix) = ISSUERS[k];
            let written = day - rng.range(0, 14) as i64;
            let (year, _, _) = civil_from_days(written);
            text.push_str("type: policy\n");
            let _ = writeln!(text, "issuer: {issuer}");
            if rng.chance(85) {
                let _ = writeln!(
                    text,
                    "doc_number: {prefix}〔{year}〕{}号",
                    rng.range(1, 120)
                );
            }
            let _ = writeln!(text, "written: {}", fmt_date(written));
            let _ = writeln!(text, "published: {}", fmt_date(day));
            let _ = writeln!(text, "addressee: {}", rng.pick(ADDRESSEES));
            let t1 = rng.below(TOPICS.len());
            if rng.chance(30) {
                let t2 = (t1 + 1 + rng.below(TOPICS.len() - 1)) % TOPICS.len();
                let _ = writeln!(text, "topics: [{}, {}]", TOPICS[t1], TOPICS[t2]);
            } else {
                let _ = writeln!(text, "topics: [{}]", TOPICS[t1]);
            }
            text.push_str("status: in_force\n---\n");
            text.push_str(&policy_body(&mut rng));
            w.write(
                &format!("content/{}", p.content_path(&sections)),
                &text,
                hugo_policy,
            )?;
        } else {
            text.push_str("---\n\n");
            text.push_str(&article_body(&mut rng, i, &pages, &sections));
            w.write(
                &format!("content/{}", p.content_path(&sections)),
                &text,
                hugo_links,
            )?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Province-scale directory (`--province`)
// ---------------------------------------------------------------------------

/// Zhejiang's 11 prefecture-level cities and their 90 county-level units:
/// (id, name, telephone area code, division code, counties as (id, name)).
/// The names are real; everything below them is generated.
type CityPlan = (
    &'static str,
    &'static str,
    &'static str,
    u32,
    &'static [(&'static str, &'static str)],
);
const CITIES: &[CityPlan] = &[
    (
        "hangzhou",
        "杭州市",
        "0571",
        330100,
        &[
            ("shangcheng", "上城区"),
            ("gongshu", "拱墅区"),
            ("xihu", "西湖区"),
            ("binjiang", "滨江区"),
            ("xiaoshan", "萧山区"),
            ("yuhang", "余杭区"),
            ("linping", "临平区"),
            ("qiantang", "钱塘区"),
            ("fuyang", "富阳区"),
            ("linan", "临安区"),
            ("tonglu", "桐庐县"),
            ("chunan", "淳安县"),
            ("jiande", "建德市"),
        ],
    ),
    (
        "ningbo",
        "宁波市",
        "0574",
        330200,
        &[
            ("haishu", "海曙区"),
            ("jiangbei", "江北区"),
            ("beilun", "北仑区"),
            ("zhenhai", "镇海区"),
            ("yinzhou", "鄞州区"),
            ("fenghua", "奉化区"),
            ("yuyao", "余姚市"),
            ("cixi", "慈溪市"),
            ("ninghai", "宁海县"),
            ("xiangshan", "象山县"),
        ],
    ),
    (
        "wenzhou",
        "温州市",
        "0577",
        330300,
        &[
            ("lucheng", "鹿城区"),
            ("longwan", "龙湾区"),
            ("ouhai", "瓯海区"),
            ("dongtou", "洞头区"),
            ("ruian", "瑞安市"),
            ("yueqing", "乐清市"),
            ("longgang", "龙港市"),
            ("yongjia", "永嘉县"),
            ("pingyang", "平阳县"),
            ("cangnan", "苍南县"),
            ("wencheng", "文成县"),
            ("taishun", "泰顺县"),
        ],
    ),
    (
        "jiaxing",
        "嘉兴市",
        "0573",
        330400,
        &[
            ("nanhu", "南湖区"),
            ("xiuzhou", "秀洲区"),
            ("jiashan", "嘉善县"),
            ("haiyan", "海盐县"),
            ("haining", "海宁市"),
            ("pinghu", "平湖市"),
            ("tongxiang", "桐乡市"),
        ],
    ),
    (
        "huzhou",
        "湖州市",
        "0572",
        330500,
        &[
            ("wuxing", "吴兴区"),
            ("nanxun", "南浔区"),
            ("deqing", "德清县"),
            ("changxing", "长兴县"),
            ("anji", "安吉县"),
        ],
    ),
    (
        "shaoxing",
        "绍兴市",
        "0575",
        330600,
        &[
            ("yuecheng", "越城区"),
            ("keqiao", "柯桥区"),
            ("shangyu", "上虞区"),
            ("zhuji", "诸暨市"),
            ("shengzhou", "嵊州市"),
            ("xinchang", "新昌县"),
        ],
    ),
    (
        "jinhua",
        "金华市",
        "0579",
        330700,
        &[
            ("wucheng", "婺城区"),
            ("jindong", "金东区"),
            ("lanxi", "兰溪市"),
            ("yiwu", "义乌市"),
            ("dongyang", "东阳市"),
            ("yongkang", "永康市"),
            ("wuyi", "武义县"),
            ("pujiang", "浦江县"),
            ("panan", "磐安县"),
        ],
    ),
    (
        "quzhou",
        "衢州市",
        "0570",
        330800,
        &[
            ("kecheng", "柯城区"),
            ("qujiang", "衢江区"),
            ("jiangshan", "江山市"),
            ("changshan", "常山县"),
            ("kaihua", "开化县"),
            ("longyou", "龙游县"),
        ],
    ),
    (
        "zhoushan",
        "舟山市",
        "0580",
        330900,
        &[
            ("dinghai", "定海区"),
            ("putuo", "普陀区"),
            ("daishan", "岱山县"),
            ("shengsi", "嵊泗县"),
        ],
    ),
    (
        "taizhou",
        "台州市",
        "0576",
        331000,
        &[
            ("jiaojiang", "椒江区"),
            ("huangyan", "黄岩区"),
            ("luqiao", "路桥区"),
            ("linhai", "临海市"),
            ("wenling", "温岭市"),
            ("yuhuan", "玉环市"),
            ("sanmen", "三门县"),
            ("tiantai", "天台县"),
            ("xianju", "仙居县"),
        ],
    ),
    (
        "lishui",
        "丽水市",
        "0578",
        331100,
        &[
            ("liandu", "莲都区"),
            ("longquan", "龙泉市"),
            ("qingtian", "青田县"),
            ("jinyun", "缙云县"),
            ("suichang", "遂昌县"),
            ("songyang", "松阳县"),
            ("yunhe", "云和县"),
            ("qingyuan", "庆元县"),
            ("jingning", "景宁畲族自治县"),
        ],
    ),
];

/// 乡镇街道 and 村社区 in the whole province at `--scale 100`, close to
/// Zhejiang's real counts.
const PROVINCE_TOWNSHIPS: usize = 1_300;
const PROVINCE_VILLAGES: usize = 20_000;

/// Syllables of generated place names: (characters, pinyin). Names are a
/// first syllable and a second one (东山, 石桥); ids are their pinyin.
const PLACE_FIRST: &[(&str, &str)] = &[
    ("东", "dong"),
    ("西", "xi"),
    ("南", "nan"),
    ("北", "bei"),
    ("新", "xin"),
    ("青", "qing"),
    ("石", "shi"),
    ("金", "jin"),
    ("玉", "yu"),
    ("龙", "long"),
    ("凤", "feng"),
    ("白", "bai"),
    ("红", "hong"),
    ("黄", "huang"),
    ("大", "da"),
    ("小", "xiao"),
    ("上", "shang"),
    ("下", "xia"),
    ("前", "qian"),
    ("后", "hou"),
    ("长", "chang"),
    ("高", "gao"),
    ("安", "an"),
    ("福", "fu"),
];
const PLACE_SECOND: &[(&str, &str)] = &[
    ("山", "shan"),
    ("水", "shui"),
    ("河", "he"),
    ("湖", "hu"),
    ("桥", "qiao"),
    ("林", "lin"),
    ("塘", "tang"),
    ("浦", "pu"),
    ("港", "gang"),
    ("岙", "ao"),
    ("田", "tian"),
    ("园", "yuan"),
    ("泉", "quan"),
    ("溪", "xi"),
    ("岭", "ling"),
    ("坑", "keng"),
    ("埠", "bu"),
    ("湾", "wan"),
    ("洲", "zhou"),
    ("墩", "dun"),
    ("庄", "zhuang"),
    ("门", "men"),
    ("坪", "ping"),
    ("口", "kou"),
];

/// The needs and audiences of `content/` in the repository, in order (written
/// to `gongkai.yaml`, so a value outside them would fail the build).
const DIR_NEEDS: &[&str] = &[
    "法律援助",
    "权益维护",
    "就业创业",
    "技能培训",
    "心理疏导",
    "大病救助",
    "困难帮扶",
    "婚恋交友",
    "科普",
    "志愿服务",
    "文化活动",
    "康复服务",
    "助学",
];
const DIR_AUDIENCES: &[&str] = &[
    "职工",
    "青少年",
    "妇女儿童",
    "残疾人",
    "归侨侨眷",
    "外来务工人员",
    "高校毕业生",
    "老年人",
    "科技工作者",
    "文艺工作者",
    "企业家",
    "全体市民",
];

/// A service an organization of a type offers: (id suffix, title, needs,
/// audiences).
type ServicePlan = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

/// What the generator needs to know about an organization type. The ids are
/// those of `content/org-types/org-types.yaml`, which is copied into the corpus.
struct TypePlan {
    id: &'static str,
    /// Name of a city, county or township organization: prefix, region, suffix.
    upper: (&'static str, &'static str),
    /// Name of a village organization.
    village: (&'static str, &'static str),
    /// The national hotline, listed after the local number.
    hotline: Option<&'static str>,
    serves: &'static [&'static str],
    /// What it does, for the description.
    does: &'static str,
    services: &'static [ServicePlan],
    /// Activity titles.
    activities: &'static [&'static str],
}

const TYPES: &[TypePlan] = &[
    TypePlan {
        id: "gonghui",
        upper: ("", "总工会"),
        village: ("", "工会"),
        hotline: Some("12351"),
        serves: &["职工", "外来务工人员"],
        does: "提供职工法律援助、困难职工帮扶和技能培训",
        services: &[
            (
                "falv",
                "职工法律援助",
                &["法律援助", "权益维护"],
                &["职工", "外来务工人员"],
            ),
            (
                "bangfu",
                "困难职工帮扶",
                &["困难帮扶", "大病救助"],
                &["职工"],
            ),
            (
                "jineng",
                "职工技能培训",
                &["技能培训", "就业创业"],
                &["职工", "外来务工人员"],
            ),
        ],
        activities: &[
            "职工法律咨询日",
            "职工技能比武",
            "夏送清凉慰问",
            "职工健步走",
        ],
    },
    TypePlan {
        id: "gongqingtuan",
        upper: ("共青团", "委员会"),
        village: ("共青团", "支部委员会"),
        hotline: Some("12355"),
        serves: &["青少年", "高校毕业生"],
        does: "开展青少年心理疏导、青年就业创业和青年志愿服务",
        services: &[
            ("xinli", "青少年心理疏导", &["心理疏导"], &["青少年"]),
            (
                "jiuye",
                "青年就业创业服务",
                &["就业创业"],
                &["青少年", "高校毕业生"],
            ),
            ("zhiyuan", "青年志愿服务", &["志愿服务"], &["青少年"]),
        ],
        activities: &[
            "青年志愿服务日",
            "青年联谊会",
            "青少年暑期课堂",
            "学雷锋志愿服务",
        ],
    },
    TypePlan {
        id: "fulian",
        upper: ("", "妇女联合会"),
        village: ("", "妇女联合会"),
        hotline: Some("12338"),
        serves: &["妇女儿童"],
        does: "提供妇女维权法律咨询、婚姻家庭纠纷调解和巾帼创业服务",
        services: &[
            (
                "weiquan",
                "妇女维权法律咨询",
                &["法律援助", "权益维护"],
                &["妇女儿童"],
            ),
            (
                "tiaojie",
                "婚姻家庭纠纷调解",
                &["权益维护", "心理疏导"],
                &["妇女儿童"],
            ),
            (
                "chuangye",
                "巾帼创业服务",
                &["就业创业", "技能培训"],
                &["妇女儿童"],
            ),
        ],
        activities: &[
            "家庭教育讲座",
            "巾帼创业沙龙",
            "最美家庭分享会",
            "妇女健康义诊",
        ],
    },
    TypePlan {
        id: "kexie",
        upper: ("", "科学技术协会"),
        village: ("", "科学技术协会"),
        hotline: None,
        serves: &["科技工作者", "全体市民"],
        does: "组织学术交流、科普进社区和农村实用技术培训",
        services: &[
            ("kepu", "科普进社区", &["科普"], &["全体市民", "青少年"]),
            (
                "jishu",
                "农村实用技术培训",
                &["技能培训", "科普"],
                &["科技工作者", "全体市民"],
            ),
        ],
        activities: &["全国科普日展览", "科普大篷车进乡村"],
    },
    TypePlan {
        id: "shelian",
        upper: ("", "社会科学界联合会"),
        village: ("", "社会科学界联合会"),
        hotline: None,
        serves: &["全体市民"],
        does: "组织社会科学研究和社科普及",
        services: &[
            (
                "jiangzuo",
                "社科普及讲座",
                &["科普", "文化活动"],
                &["全体市民"],
            ),
            ("zixun", "社科专家咨询", &["科普"], &["全体市民", "企业家"]),
        ],
        activities: &["社科普及周讲座", "地方文化论坛"],
    },
    TypePlan {
        id: "wenlian",
        upper: ("", "文学艺术界联合会"),
        village: ("", "文学艺术界联合会"),
        hotline: None,
        serves: &["文艺工作者", "全体市民"],
        does: "组织文艺创作和文艺志愿服务",
        services: &[
            (
                "songwenhua",
                "文艺志愿服务进基层",
                &["文化活动", "志愿服务"],
                &["全体市民", "文艺工作者"],
            ),
            (
                "peixun",
                "文艺骨干培训",
                &["文化活动", "技能培训"],
                &["文艺工作者"],
            ),
        ],
        activities: &["文艺进村演出", "书画义写春联"],
    },
    TypePlan {
        id: "qiaolian",
        upper: ("", "归国华侨联合会"),
        village: ("", "归国华侨联合会"),
        hotline: None,
        serves: &["归侨侨眷"],
        does: "依法维护归侨侨眷权益，开展为侨服务",
        services: &[
            (
                "weiquan",
                "涉侨法律咨询",
                &["法律援助", "权益维护"],
                &["归侨侨眷"],
            ),
            (
                "bangfu",
                "困难归侨帮扶",
                &["困难帮扶"],
                &["归侨侨眷", "老年人"],
            ),
        ],
        activities: &["侨界联谊会", "涉侨政策宣讲"],
    },
    TypePlan {
        id: "canlian",
        upper: ("", "残疾人联合会"),
        village: ("", "残疾人联合会"),
        hotline: None,
        serves: &["残疾人"],
        does: "提供康复、就业和辅助器具服务",
        services: &[
            ("kangfu", "残疾人康复服务", &["康复服务"], &["残疾人"]),
            ("jiuye", "残疾人就业服务", &["就业创业"], &["残疾人"]),
        ],
        activities: &["助残日义诊", "残疾人专场招聘会"],
    },
    TypePlan {
        id: "hongshizihui",
        upper: ("", "红十字会"),
        village: ("", "红十字会"),
        hotline: None,
        serves: &["全体市民"],
        does: "开展应急救护培训和人道救助",
        services: &[
            (
                "jiuhu",
                "应急救护培训",
                &["技能培训", "志愿服务"],
                &["全体市民"],
            ),
            (
                "jiuzhu",
                "人道救助",
                &["大病救助", "困难帮扶"],
                &["全体市民"],
            ),
        ],
        activities: &["应急救护公益培训", "无偿献血宣传"],
    },
    TypePlan {
        id: "guangongwei",
        upper: ("", "关心下一代工作委员会"),
        village: ("", "关心下一代工作委员会"),
        hotline: None,
        serves: &["青少年", "老年人"],
        does: "组织“五老”力量关爱青少年成长",
        services: &[
            ("guanai", "留守儿童关爱", &["心理疏导", "助学"], &["青少年"]),
            ("fazhi", "青少年法治教育", &["法律援助"], &["青少年"]),
        ],
        activities: &["“五老”报告会", "留守儿童暑期陪伴"],
    },
    TypePlan {
        id: "gongshanglian",
        upper: ("", "工商业联合会"),
        village: ("", "工商业联合会"),
        hotline: None,
        serves: &["企业家"],
        does: "服务民营企业发展，开展法律服务和商会调解",
        services: &[
            (
                "falv",
                "民营企业法律服务",
                &["法律援助", "权益维护"],
                &["企业家"],
            ),
            ("tiaojie", "商会调解", &["权益维护"], &["企业家"]),
        ],
        activities: &["民营企业家沙龙", "政企恳谈会"],
    },
];

/// Types with an organization at every 乡镇街道 and every 村社区: 工会,
/// 共青团 (a 团支部 in a village) and 妇联 (indexes into `TYPES`).
const GRASSROOTS_TYPES: [usize; 3] = [0, 1, 2];

/// Opening hours entries (`;` separates entries in one CSV cell).
const HOURS: &[&str] = &[
    "周一至周五 08:30-12:00,14:00-17:30",
    "周一至周五 09:00-12:00,13:30-17:00",
    "工作日 08:30-11:30,13:30-17:00",
    "周一至周五 08:30-12:00,14:00-17:30;周六 09:00-12:00",
    "周一、周三、周五 14:00-17:00",
    "每天 08:00-20:00",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    City,
    County,
    Township,
    Village,
}

impl Level {
    fn zh(self) -> &'static str {
        match self {
            Level::City => "市",
            Level::County => "区县",
            Level::Township => "乡镇街道",
            Level::Village => "村社区",
        }
    }

    /// Indexes into `TYPES` of the organizations every region of the level has.
    fn types(self) -> Vec<usize> {
        match self {
            Level::City | Level::County => (0..TYPES.len()).collect(),
            Level::Township | Level::Village => GRASSROOTS_TYPES.to_vec(),
        }
    }
}

struct Region {
    id: String,
    name: String,
    level: Level,
    parent: Option<usize>,
    code: String,
    /// Index into `CITIES`.
    city: usize,
}

/// Splits `total` into `n` parts of at least 1, each drawn around the mean
/// (weights 50–150), summing to exactly `total` (`total >= n`).
fn allocate(total: usize, n: usize, rng: &mut Rng) -> Vec<usize> {
    let weights: Vec<usize> = (0..n).map(|_| rng.range(50, 150)).collect();
    let sum: usize = weights.iter().sum();
    let mut counts: Vec<usize> = weights.iter().map(|w| (total * w / sum).max(1)).collect();
    let mut have: usize = counts.iter().sum();
    let mut k = 0;
    while have < total {
        counts[k % n] += 1;
        have += 1;
        k += 1;
    }
    while have > total {
        let i = (0..n).max_by_key(|&i| (counts[i], n - i)).unwrap_or(0);
        counts[i] -= 1;
        have -= 1;
    }
    counts
}

/// A place name not yet used among its siblings: (name stem, pinyin).
fn place_name(rng: &mut Rng, taken: &mut Vec<String>) -> (String, String) {
    loop {
        let (a, pa) = PLACE_FIRST[rng.below(PLACE_FIRST.len())];
        let (b, pb) = PLACE_SECOND[rng.below(PLACE_SECOND.len())];
        let pinyin = format!("{pa}{pb}");
        if !taken.contains(&pinyin) {
            taken.push(pinyin.clone());
            return (format!("{a}{b}"), pinyin);
        }
    }
}

/// The province's regions, depth first (a city, its first county, that
/// county's townships each followed by their villages, …).
fn plan_regions(scale: usize) -> Vec<Region> {
    let counties: usize = CITIES.iter().map(|c| c.4.len()).sum();
    let townships = (PROVINCE_TOWNSHIPS * scale / 100).max(counties);
    let villages = (PROVINCE_VILLAGES * scale / 100).max(townships);
    let per_county = allocate(townships, counties, &mut Rng::stream(10, 0));
    let per_township = allocate(villages, townships, &mut Rng::stream(11, 0));

    let mut out = Vec::with_capacity(CITIES.len() + counties + townships + villages);
    let (mut county_no, mut township_no) = (0, 0);
    for (c, &(city_id, city_name, _, city_code, city_counties)) in CITIES.iter().enumerate() {
        let city_at = out.len();
        out.push(Region {
            id: city_id.into(),
            name: city_name.into(),
            level: Level::City,
            parent: None,
            code: city_code.to_string(),
            city: c,
        });
        for (k, &(county_id, county_name)) in city_counties.iter().enumerate() {
            let county_at = out.len();
            let county_code = city_code + k as u32 + 1;
            out.push(Region {
                id: county_id.into(),
                name: county_name.into(),
                level: Level::County,
                parent: Some(city_at),
                code: county_code.to_string(),
                city: c,
            });
            let mut rng = Rng::stream(12, county_no as u64);
            let mut taken = vec![];
            for t in 0..per_county[county_no] {
                let (stem, pinyin) = place_name(&mut rng, &mut taken);
                let street = rng.chance(40);
                let suffix = if street {
                    "街道"
                } else if rng.chance(85) {
                    "镇"
                } else {
                    "乡"
                };
                let township_at = out.len();
                let township_id = format!("{county_id}-{pinyin}");
                let township_code = county_code as u64 * 1000 + t as u64 + 1;
                out.push(Region {
                    id: township_id.clone(),
                    name: format!("{stem}{suffix}"),
                    level: Level::Township,
                    parent: Some(county_at),
                    code: township_code.to_string(),
                    city: c,
                });
                let mut vrng = Rng::stream(13, township_no as u64);
                let mut vtaken = vec![];
                for v in 0..per_township[township_no] {
                    let (stem, pinyin) = place_name(&mut vrng, &mut vtaken);
                    let community = vrng.chance(if street { 80 } else { 10 });
                    out.push(Region {
                        id: format!("{township_id}-{pinyin}"),
                        name: format!("{stem}{}", if community { "社区" } else { "村" }),
                        level: Level::Village,
                        parent: Some(township_at),
                        code: (township_code * 1000 + v as u64 + 1).to_string(),
                        city: c,
                    });
                }
                township_no += 1;
            }
            county_no += 1;
        }
    }
    out
}

/// Appends one CSV record (RFC 4180 quoting where needed).
fn csv_row(out: &mut String, cells: &[&str]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push('\n');
}

/// A single-quoted YAML scalar.
fn yaml_str(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn org_id(region: &Region, t: usize) -> String {
    format!("{}-{}", region.id, TYPES[t].id)
}

fn org_name(region: &Region, t: usize) -> String {
    let (prefix, suffix) = if region.level == Level::Village {
        TYPES[t].village
    } else {
        TYPES[t].upper
    };
    format!("{prefix}{}{suffix}", region.name)
}

/// The measures the services implement: 6 chapters, 33 articles written
/// `第X条` (`art_1` … `art_33`).
fn province_policy() -> String {
    const CHAPTERS: &[(&str, usize)] = &[
        ("总则", 4),
        ("组织体系", 6),
        ("服务群众", 8),
        ("权益维护", 6),
        ("支持保障", 6),
        ("附则", 3),
    ];
    let mut rng = Rng::stream(14, 0);
    let mut out = String::with_capacity(16_384);
    out.push_str(
        "---\ntitle: 某某省群团组织服务群众若干规定（基准测试示例）\n\
         short_title: 群团服务若干规定\n\
         description: 为基准测试生成的示例政策文件，共六章三十三条，目录中的服务事项逐条引用。\n\
         type: policy\nissuer: 某某省群团工作领导小组（虚构）\n\
         doc_number: 某群发〔2025〕1号\nwritten: 2025-06-30\npublished: 2025-07-01\n\
         topics: [群团工作, 基层治理]\nstatus: in_force\n---\n",
    );
    let mut article = 0;
    for (c, &(title, articles)) in CHAPTERS.iter().enumerate() {
        let _ = writeln!(out, "第{}章　{title}", zh_number(c + 1));
        for _ in 0..articles {
            article += 1;
            let len = rng.range(40, 120);
            let _ = writeln!(
                out,
                "第{}条　{}{}。{}",
                zh_number(article),
                rng.pick(VERBS),
                rng.pick(NOUNS),
                paragraph(&mut rng, len)
            );
            if rng.chance(25) {
                items(&mut out, &mut rng, 4);
            }
        }
    }
    out
}

/// Two to `max` numbered items `（一）…` under an article.
fn items(out: &mut String, rng: &mut Rng, max: usize) {
    for item in 1..=rng.range(2, max) {
        let _ = writeln!(
            out,
            "（{}）{}{}，{}。",
            zh_number(item),
            rng.pick(VERBS),
            rng.pick(NOUNS),
            rng.pick(GOALS)
        );
    }
}

const POLICY_ARTICLES: usize = 33;

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Counts of what `generate_province` wrote.
#[derive(Default)]
struct ProvinceCounts {
    regions: [usize; 4],
    organizations: usize,
    services: usize,
    activities: usize,
}

const ORG_COLUMNS: &str = "id,name,type,region,parent,address,phones,email,website,wechat,hours,hours_note,directions,serves,channels,verified,body\n";
const SERVICE_COLUMNS: &str = "id,title,provider,audiences,needs,eligibility,documents,steps,channels,cost,time_limit,implements,body\n";
const ACTIVITY_COLUMNS: &str =
    "id,title,organizers,start,end,place,region,audiences,signup,capacity,status,body\n";

/// One organization's row, and its services (CSV, or YAML for city-level
/// organizations).
struct CityTables {
    organizations: String,
    services: String,
    activities: String,
    /// Per-city phone numbers, `0571-0000-0001` upwards (wrapping at 9999).
    phone_no: usize,
}

fn write_org(
    regions: &[Region],
    r: usize,
    t: usize,
    tables: &mut CityTables,
    city_services_yaml: &mut String,
    counts: &mut ProvinceCounts,
) {
    let region = &regions[r];
    let ty = &TYPES[t];
    let area = CITIES[region.city].2;
    let mut rng = Rng::stream(20 + t as u64, r as u64);
    let id = org_id(region, t);
    let name = org_name(region, t);
    let parent = region.parent.map(|p| org_id(&regions[p], t));
    let upper = matches!(region.level, Level::City | Level::County);

    tables.phone_no = tables.phone_no % 9999 + 1;
    let phone = format!("{area}-0000-{:04}", tables.phone_no);
    let address = format!("{}示例路{}号（虚构地址）", region.name, rng.range(1, 300));
    let mut phones = phone.clone();
    if let (true, Some(h)) = (upper, ty.hotline) {
        phones.push(';');
        phones.push_str(h);
    }
    let has_phone = region.level != Level::Village || rng.chance(80);
    let email = if upper || (region.level == Level::Township && rng.chance(50)) {
        format!("{id}@example.org")
    } else {
        String::new()
    };
    let (website, wechat, channels) = if upper {
        (
            format!("https://{id}.example/"),
            format!("{}{}（示例）", region.name, ty_short(t)),
            format!("网上服务 https://{id}.example/fuwu/"),
        )
    } else {
        (String::new(), String::new(), String::new())
    };
    let hours = if region.level != Level::Village || rng.chance(70) {
        HOURS[rng.below(HOURS.len())]
    } else {
        ""
    };
    let directions = if upper {
        format!(
            "乘公交{}路至示例路站下车，步行约{}米",
            rng.range(1, 99),
            rng.range(1, 9) * 100
        )
    } else {
        String::new()
    };
    let serves = ty.serves.join(";");
    let verified = format!("2026-{:02}-{:02}", rng.range(1, 10), rng.range(1, 28));
    let body = format!("{name}联系服务本地{}，{}。", ty.serves.join("和"), ty.does);
    csv_row(
        &mut tables.organizations,
        &[
            &id,
            &name,
            ty.id,
            &region.id,
            parent.as_deref().unwrap_or(""),
            &address,
            if has_phone { &phones } else { "" },
            &email,
            &website,
            &wechat,
            hours,
            if hours.is_empty() {
                ""
            } else {
                "法定节假日休息"
            },
            &directions,
            &serves,
            &channels,
            &verified,
            &body,
        ],
    );
    counts.organizations += 1;

    // Services: every plan of a city organization, one or two of a county
    // one, one for 30% of township organizations and 2% of village ones.
    let plans: Vec<&ServicePlan> = match region.level {
        Level::City => ty.services.iter().collect(),
        Level::County => {
            let first = rng.below(ty.services.len());
            let mut p = vec![&ty.services[first]];
            if rng.chance(50) {
                p.push(&ty.services[(first + 1) % ty.services.len()]);
            }
            p
        }
        Level::Township if rng.chance(30) => vec![&ty.services[rng.below(ty.services.len())]],
        Level::Village if rng.chance(2) => vec![&ty.services[rng.below(ty.services.len())]],
        _ => vec![],
    };
    for &(slug, title, needs, audiences) in plans {
        let sid = format!("{id}-{slug}");
        let a1 = rng.range(1, POLICY_ARTICLES);
        let a2 = rng.range(1, POLICY_ARTICLES);
        let implements = if a1 == a2 || rng.chance(40) {
            vec![format!("art_{a1}")]
        } else {
            vec![format!("art_{a1}"), format!("art_{a2}")]
        };
        let eligibility = format!("在{}居住或工作的{}。", region.name, audiences.join("、"));
        let documents = ["本人身份证", "相关证明材料（如有）"];
        let steps = [
            "电话或现场咨询",
            "提交申请材料",
            "工作人员受理并联系本人",
            "办理结果告知本人",
        ];
        let mut svc_channels = vec![format!("线下：{address}")];
        if has_phone {
            svc_channels.push(format!("电话：{phone}"));
        }
        if upper {
            svc_channels.push(format!("网上：https://{id}.example/{slug}/"));
        }
        let time_limit = format!("受理后{}个工作日内答复", rng.range(2, 10));
        let body = format!(
            "{name}为{}提供{title}，{}。",
            audiences.join("、"),
            rng.pick(GOALS)
        );
        if region.level == Level::City {
            let list = |items: &[&str]| -> String {
                items
                    .iter()
                    .map(|s| format!("\n    - {}", yaml_str(s)))
                    .collect()
            };
            let strings: Vec<&str> = svc_channels.iter().map(String::as_str).collect();
            let imps: Vec<&str> = implements.iter().map(String::as_str).collect();
            let _ = write!(
                city_services_yaml,
                "- id: {sid}\n  title: {}\n  provider: {id}\n  audiences:{}\n  needs:{}\n  \
                 eligibility: {}\n  documents:{}\n  steps:{}\n  channels:{}\n  cost: 免费\n  \
                 time_limit: {}\n  implements: [{}]\n  body: {}\n\n",
                yaml_str(title),
                list(audiences),
                list(needs),
                yaml_str(&eligibility),
                list(&documents),
                list(&steps),
                list(&strings),
                yaml_str(&time_limit),
                imps.join(", "),
                yaml_str(&body),
            );
        } else {
            csv_row(
                &mut tables.services,
                &[
                    &sid,
                    title,
                    &id,
                    &audiences.join(";"),
                    &needs.join(";"),
                    &eligibility,
                    &documents.join(";"),
                    &steps.join(";"),
                    &svc_channels.join(";"),
                    "免费",
                    &time_limit,
                    &implements.join(";"),
                    &body,
                ],
            );
        }
        counts.services += 1;
    }
}

/// The short name of a type (工会, 妇联 …), for WeChat account names.
fn ty_short(t: usize) -> &'static str {
    [
        "工会",
        "共青团",
        "妇联",
        "科协",
        "社联",
        "文联",
        "侨联",
        "残联",
        "红十字会",
        "关工委",
        "工商联",
    ][t]
}

/// Activities of a region: 5 for a city, 3 for a county, 1 for a township,
/// and one for 5% of villages; between 2026-07-01 and 2027-06-30.
fn write_activities(
    regions: &[Region],
    r: usize,
    tables: &mut CityTables,
    counts: &mut ProvinceCounts,
) {
    let region = &regions[r];
    let mut rng = Rng::stream(40, r as u64);
    let n = match region.level {
        Level::City => 5,
        Level::County => 3,
        Level::Township => 1,
        Level::Village => usize::from(rng.chance(5)),
    };
    let types = region.level.types();
    let first_day = days_from_civil(2026, 7, 1);
    for k in 0..n {
        let t = types[rng.below(types.len())];
        let ty = &TYPES[t];
        let main = org_id(region, t);
        let mut organizers = vec![main.clone()];
        if rng.chance(30) {
            let other = types[rng.below(types.len())];
            if other != t {
                organizers.push(org_id(region, other));
            }
        }
        if let (true, Some(p)) = (rng.chance(20), region.parent) {
            organizers.push(org_id(&regions[p], t));
        }
        let day = first_day + rng.below(365) as i64;
        let (start, end) = if rng.chance(10) {
            // Whole days, sometimes two.
            let last = day + rng.below(2) as i64;
            (fmt_date(day), fmt_date(last))
        } else {
            let from = rng.range(16, 38); // half-hours: 08:00 … 19:00
            let to = (from + rng.range(2, 8)).min(44); // … 22:00 at the latest
            (
                format!("{} {:02}:{:02}", fmt_date(day), from / 2, from % 2 * 30),
                format!("{} {:02}:{:02}", fmt_date(day), to / 2, to % 2 * 30),
            )
        };
        let title = format!("{}{}", region.name, rng.pick(ty.activities));
        let (y, m, d) = civil_from_days(day);
        let id = format!("{main}-{y:04}{m:02}{d:02}-{}", k + 1);
        let place = format!(
            "{}{}（示例地点）",
            region.name,
            rng.pick(&[
                "党群服务中心一楼大厅",
                "党群服务中心会议室",
                "文化礼堂",
                "新时代文明实践站"
            ])
        );
        let capacity = if rng.chance(50) {
            (rng.range(3, 30) * 10).to_string()
        } else {
            String::new()
        };
        let status = match rng.below(100) {
            0..=4 => "full",
            5..=7 => "cancelled",
            _ => "",
        };
        let signup = if rng.chance(60) {
            format!(
                "电话报名：{}-0000-{:04}",
                CITIES[region.city].2,
                rng.range(1, 9999)
            )
        } else {
            "无需报名，现场参加".to_string()
        };
        let body = paragraph(&mut rng, 30);
        csv_row(
            &mut tables.activities,
            &[
                &id,
                &title,
                &organizers.join(";"),
                &start,
                &end,
                &place,
                &region.id,
                &ty.serves.join(";"),
                &signup,
                &capacity,
                status,
                &body,
            ],
        );
        counts.activities += 1;
    }
}

/// Writes the province-scale directory site into `out`.
fn generate_province(scale: usize, out: &Path) -> io::Result<ProvinceCounts> {
    let regions = plan_regions(scale);
    let mut counts = ProvinceCounts::default();

    let mut config = String::from(
        "title: 浙江群团服务网（基准测试）\nbase_url: https://qt.zhejiang.example/\n\
         language: zh-CN\ntheme: default\nfeed: true\nsitemap: true\nsample_data: true\n\
         directory:\n  policy: policies/province-measures.md\n",
    );
    let _ = writeln!(config, "  needs: [{}]", DIR_NEEDS.join(", "));
    let _ = writeln!(config, "  audiences: [{}]", DIR_AUDIENCES.join(", "));
    write_file(&out.join("gongkai.yaml"), &config)?;

    let content = out.join("content");
    write_file(
        &content.join("_index.md"),
        "---\ntitle: 首页\n---\n\n本站为目录基准测试自动生成的示例站点：地名为浙江省的市、区县，\
         乡镇街道和村社区的名称、全部地址和电话均为虚构。\n",
    )?;
    write_file(
        &content.join("policies/_index.md"),
        "---\ntitle: 政策文件\nsort_by: date\n---\n",
    )?;
    write_file(
        &content.join("policies/province-measures.md"),
        &province_policy(),
    )?;
    let sections = [
        ("regions", "区域", "region"),
        ("org-types", "组织类型", "org_type"),
        ("organizations", "组织", "organization"),
        ("services", "服务事项", "service"),
        ("activities", "活动", "activity"),
    ];
    for (dir, title, kind) in sections {
        write_file(
            &content.join(dir).join("_index.md"),
            &format!(
                "---\ntitle: {title}\nrecords: {kind}\n---\n本栏目的数据为基准测试生成的示例数据。\n"
            ),
        )?;
    }
    write_file(
        &content.join("org-types/org-types.yaml"),
        include_str!("../content/org-types/org-types.yaml"),
    )?;

    let mut regions_csv = String::from("id,name,level,parent,code\n");
    for region in &regions {
        let parent = region.parent.map_or("", |p| regions[p].id.as_str());
        csv_row(
            &mut regions_csv,
            &[
                &region.id,
                &region.name,
                region.level.zh(),
                parent,
                &region.code,
            ],
        );
        counts.regions[region.level as usize] += 1;
    }
    write_file(&content.join("regions/regions.csv"), &regions_csv)?;

    // One table of each kind per city; city-level services in one YAML table.
    let mut city_services = String::new();
    let mut r = 0;
    while r < regions.len() {
        let city = regions[r].city;
        let mut tables = CityTables {
            organizations: String::from(ORG_COLUMNS),
            services: String::from(SERVICE_COLUMNS),
            activities: String::from(ACTIVITY_COLUMNS),
            phone_no: 0,
        };
        while r < regions.len() && regions[r].city == city {
            for t in regions[r].level.types() {
                write_org(&regions, r, t, &mut tables, &mut city_services, &mut counts);
            }
            write_activities(&regions, r, &mut tables, &mut counts);
            r += 1;
        }
        let id = CITIES[city].0;
        write_file(
            &content.join(format!("organizations/{id}.csv")),
            &tables.organizations,
        )?;
        write_file(
            &content.join(format!("services/{id}.csv")),
            &tables.services,
        )?;
        write_file(
            &content.join(format!("activities/{id}.csv")),
            &tables.activities,
        )?;
    }
    write_file(&content.join("services/cities.yaml"), &city_services)?;
    Ok(counts)
}

fn usage() -> ExitCode {
    eprintln!("usage: corpus --pages N OUT [--hugo]");
    eprintln!("       corpus --province OUT [--scale PERCENT]");
    eprintln!();
    eprintln!("Writes a synthetic gongkai site with N pages into OUT;");
    eprintln!("with --hugo, also an equivalent Hugo site into OUT-hugo.");
    eprintln!("With --province, a Zhejiang-sized directory instead (11 cities, 90 counties,");
    eprintln!("1,300 townships and 20,000 villages at --scale 100, the default).");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut pages: Option<usize> = None;
    let mut province = false;
    let mut scale: Option<usize> = None;
    let mut out: Option<String> = None;
    let mut hugo = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pages" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) if n > 0 => pages = Some(n),
                _ => return usage(),
            },
            "--province" => province = true,
            "--scale" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) if (1..=1000).contains(&n) => scale = Some(n),
                _ => return usage(),
            },
            "--hugo" => hugo = true,
            "-h" | "--help" => return usage(),
            s if s.starts_with('-') => return usage(),
            _ if out.is_some() => return usage(),
            _ => out = Some(a),
        }
    }
    let Some(out) = out else {
        return usage();
    };
    let out = out.trim_end_matches('/').to_string();
    if out.is_empty() {
        return usage();
    }
    if province {
        if pages.is_some() {
            return usage();
        }
        if hugo {
            eprintln!(
                "corpus: --hugo is not available with --province: Hugo cannot read CSV \
                 records as pages without content adapters"
            );
            return ExitCode::from(2);
        }
        return main_province(scale.unwrap_or(100), Path::new(&out));
    }
    let Some(pages) = pages else {
        return usage();
    };
    if scale.is_some() {
        return usage();
    }
    let out_path = PathBuf::from(&out);
    let hugo_path = hugo.then(|| PathBuf::from(format!("{out}-hugo")));
    for dir in std::iter::once(&out_path).chain(hugo_path.as_ref()) {
        if dir.join("content").exists() {
            eprintln!(
                "corpus: {} already has a content/ folder; remove it first",
                dir.display()
            );
            return ExitCode::from(1);
        }
    }
    match generate(pages, &out_path, hugo_path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

fn main_province(scale: usize, out: &Path) -> ExitCode {
    if out.join("content").exists() {
        eprintln!(
            "corpus: {} already has a content/ folder; remove it first",
            out.display()
        );
        return ExitCode::from(1);
    }
    match generate_province(scale, out) {
        Ok(c) => {
            // One line for bench/build.sh to read.
            println!(
                "province corpus (scale {scale}%): regions {} (市 {}, 区县 {}, 乡镇街道 {}, 村社区 {}), \
                 organizations {}, services {}, activities {}",
                c.regions.iter().sum::<usize>(),
                c.regions[0],
                c.regions[1],
                c.regions[2],
                c.regions[3],
                c.organizations,
                c.services,
                c.activities
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
