//! Synthetic corpus generator for the build benchmark (see `bench/README.md`).
//!
//! ```text
//! cargo run --release --example corpus -- --pages N OUT [--hugo]
//! ```
//!
//! Writes a gongkai site with `N` pages of policy-like Chinese prose into `OUT`
//! (`OUT/gongkai.yaml`, `OUT/content/...`). With `--hugo`, also writes an
//! equivalent Hugo site with the same content and a comparable minimal theme
//! into the sibling directory `OUT-hugo`.
//!
//! The output is deterministic: a fixed-seed splitmix64 generator drives every
//! choice, and each page draws from its own stream (seeded from the page
//! number), so the same `N` always yields byte-identical files.
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
                for item in 1..=rng.range(2, 5) {
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

fn usage() -> ExitCode {
    eprintln!("usage: corpus --pages N OUT [--hugo]");
    eprintln!();
    eprintln!("Writes a synthetic gongkai site with N pages into OUT;");
    eprintln!("with --hugo, also an equivalent Hugo site into OUT-hugo.");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut pages: Option<usize> = None;
    let mut out: Option<String> = None;
    let mut hugo = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pages" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) if n > 0 => pages = Some(n),
                _ => return usage(),
            },
            "--hugo" => hugo = true,
            "-h" | "--help" => return usage(),
            s if s.starts_with('-') => return usage(),
            _ if out.is_some() => return usage(),
            _ => out = Some(a),
        }
    }
    let (Some(pages), Some(out)) = (pages, out) else {
        return usage();
    };
    let out = out.trim_end_matches('/').to_string();
    if out.is_empty() {
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
