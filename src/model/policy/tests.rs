//! Structure detection against the real 2015 measures and against the
//! spacing and punctuation variants editors paste.

use super::document::ArticleStyle;
use super::*;

fn parse_ok(body: &str) -> PolicyDocument {
    parse(body, 0).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn numbered_style_with_chapters_items_and_conclusion() {
    let doc = parse_ok(
        "# 关于某事的通知\n各单位：\n现将办法印发给你们。\n          某某市委\n2015年12月16日\n# 某某办法\n前言一段。\n一、第一章标题\n章导语。\n1．第一条标题。正文一。\n2.第二条标题。正文二。\n（一）甲项；\n（二）乙项。\n二、第二章标题\n3． 第三条标题。正文三。\n结尾段落。\n",
    );
    let notice = doc.notice.as_ref().unwrap();
    assert_eq!(notice.title.as_ref().unwrap().text, "关于某事的通知");
    assert_eq!(doc.addressee(), Some("各单位"));
    let kinds: Vec<BlockKind> = notice.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Addressee,
            BlockKind::Paragraph,
            BlockKind::Signature,
            BlockKind::Date
        ]
    );
    assert_eq!(doc.title.as_ref().unwrap().text, "某某办法");
    assert_eq!(doc.preamble.len(), 1);
    assert_eq!(doc.chapters.len(), 2);
    assert_eq!(doc.chapters[0].eid, "chp_1");
    assert_eq!(doc.chapters[0].intro.len(), 1);
    assert_eq!(doc.articles.len(), 3);
    let a2 = &doc.articles[1];
    assert_eq!(a2.eid, "art_2");
    assert_eq!(a2.label, "第2条");
    assert_eq!(a2.short_heading(), Some("第二条标题"));
    assert_eq!(a2.paragraphs[0].items.len(), 2);
    assert_eq!(a2.paragraphs[0].items[1].eid, "art_2__item_2");
    assert_eq!(doc.articles[2].chapter, Some(1));
    assert_eq!(
        doc.articles[2].heading.as_ref().unwrap().text,
        "第三条标题。"
    );
    assert_eq!(doc.conclusions.len(), 1);
}

#[test]
fn tiao_style_with_paragraphs_sections_and_spaces() {
    let doc = parse_ok(
        "第一章　总则\n第一条　为了规范工作，制定本办法。\n第二条 本办法适用于：\n（一）工会；\n(二)共青团。\n\u{a0}第二款的内容。\n第二章\t组织\n第一节 一般规定\n第三条本条没有空格。\n  1. 子项一\n第十条 跳号也可以。\n",
    );
    assert_eq!(doc.style, Some(ArticleStyle::Tiao));
    assert_eq!(doc.chapters.len(), 2);
    assert_eq!(doc.chapters[1].heading.text, "组织");
    assert_eq!(doc.sections[0].eid, "chp_2__sec_1");
    assert_eq!(doc.articles.len(), 4);
    let a2 = &doc.articles[1];
    assert_eq!(a2.label, "第二条");
    assert_eq!(a2.paragraphs.len(), 2);
    assert_eq!(a2.paragraphs[1].eid.as_deref(), Some("art_2__para_2"));
    assert_eq!(a2.paragraphs[0].items[0].eid, "art_2__para_1__item_1");
    assert_eq!(doc.articles[2].paragraphs[0].text.text, "本条没有空格。");
    assert_eq!(doc.articles[2].paragraphs[0].items.len(), 1);
    assert_eq!(doc.articles[3].eid, "art_10");
    assert!(doc.conclusions.is_empty());
}

#[test]
fn duplicate_article_numbers_are_errors() {
    let errors = parse("一、甲\n1．一。\n1．二。\n", 0).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("art_1"));
}

#[test]
fn numbers_in_text_are_not_articles() {
    let doc = parse_ok("一、甲\n1．一。正文。\n2015年的工作。\n1.5倍的增长。\n");
    assert_eq!(doc.articles.len(), 1);
    assert_eq!(doc.conclusions.len(), 2);
}

#[test]
fn explicit_break_starts_the_closing_text() {
    let doc = parse_ok("第一条 甲。\n第二款。\n***\n本办法自发布之日起施行。\n");
    assert_eq!(doc.articles[0].paragraphs.len(), 2);
    assert_eq!(doc.conclusions.len(), 1);
}

#[test]
fn the_2015_measures_as_published() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/policies/shaoxing-measures-2015.md"
    );
    let file = std::fs::read_to_string(path).unwrap();
    let body_start = file[4..].find("\n---\n").unwrap() + 4 + 5;
    let doc = parse_ok(&file[body_start..]);
    assert!(doc.notice.is_some());
    assert_eq!(doc.chapters.len(), 6);
    assert_eq!(doc.articles.len(), 30);
    for (i, a) in doc.articles.iter().enumerate() {
        assert_eq!(a.eid, format!("art_{}", i + 1));
        assert!(a.heading.is_some(), "article {} has a heading", i + 1);
    }
    let per_chapter: Vec<usize> = doc.chapters.iter().map(|c| c.articles.len()).collect();
    assert_eq!(per_chapter, [4, 5, 3, 8, 4, 6]);
    assert_eq!(doc.articles[5].short_heading(), Some("加快抢占网上阵地"));
    assert_eq!(doc.conclusions.len(), 1);
    assert_eq!(
        doc.addressee(),
        Some("各区、县（市）党委，市级各部门、各单位党委（党组、工委）")
    );
}

#[test]
fn chinese_enumerations_inside_tiao_articles_are_items() {
    let doc =
        parse_ok("第一条\u{3000}本办法适用于：\n一、工会；\n二、共青团。\n第二条\u{3000}施行。\n");
    assert!(doc.chapters.is_empty());
    assert_eq!(doc.articles.len(), 2);
    assert_eq!(doc.articles[0].paragraphs[0].items.len(), 2);
}

#[test]
fn title_headings_without_a_space() {
    let doc = parse_ok("#关于印发的通知\n各单位：\n#\u{3000}某办法\n第一条 甲。\n");
    assert_eq!(doc.notice.unwrap().title.unwrap().text, "关于印发的通知");
    assert_eq!(doc.title.unwrap().text, "某办法");
}

#[test]
fn ten_thousand_and_old_forms_are_articles_of_their_own() {
    let doc = parse_ok("第一条　甲。\n第廿条　廿。\n第卅一条　卅一。\n第一万条　一万。\n");
    let eids: Vec<&str> = doc.articles.iter().map(|a| a.eid.as_str()).collect();
    assert_eq!(eids, ["art_1", "art_20", "art_31", "art_10000"]);
    assert_eq!(doc.articles[3].label, "第一万条");
    assert_eq!(
        doc.articles[0].paragraphs.len(),
        1,
        "nothing merged into art_1"
    );
}

#[test]
fn an_article_number_that_cannot_be_read_is_an_error_not_a_paragraph() {
    for (line, phrase) in [
        ("第4294967296条　大。", "too large"),
        (
            "第四十二亿九千四百九十六万七千二百九十六条　大。",
            "too large",
        ),
        ("第十十条　重。", "cannot be read"),
        ("第一万万章　大", "cannot be read"),
        ("第99999999999节　大", "too large"),
    ] {
        let body = format!("第一条　甲。\n{line}\n");
        let errors = parse(&body, 0).expect_err(line);
        assert_eq!(errors.len(), 1, "{line}: {errors:?}");
        let e = &errors[0];
        assert!(e.message.contains(phrase), "{line}: {}", e.message);
        assert_eq!(e.offset, body.find(line).unwrap(), "{line}");
        let num = &body[e.offset..e.offset + e.len];
        assert!(num.starts_with('第') && !num.contains('　'), "{num}");
        assert!(e.help.is_some());
    }
}

#[test]
fn inserted_articles_chapters_and_sections_have_ids_of_their_own() {
    let doc = parse_ok(
        "第一章　总则\n第一条　甲。\n第二条　乙。\n第二条之一　乙之一。\n第二条之二　乙之二。\n第三条　丙。\n第一章之一　新章\n第一节　一般规定\n第一节之一　新节\n第三条之一　丙之一。\n第四条　丁。\n",
    );
    let eids: Vec<&str> = doc.articles.iter().map(|a| a.eid.as_str()).collect();
    assert_eq!(
        eids,
        [
            "art_1", "art_2", "art_2-1", "art_2-2", "art_3", "art_3-1", "art_4"
        ]
    );
    let a = &doc.articles[2];
    assert_eq!((a.number, a.sub), (2, Some(1)));
    assert_eq!(a.label, "第二条之一");
    assert_eq!(a.title(), "第二条之一");
    assert_eq!(a.paragraphs[0].text.text, "乙之一。");
    let chapters: Vec<&str> = doc.chapters.iter().map(|c| c.eid.as_str()).collect();
    assert_eq!(chapters, ["chp_1", "chp_1-1"]);
    assert_eq!(doc.chapters[1].num, "第一章之一");
    assert_eq!(doc.chapters[1].heading.text, "新章");
    let sections: Vec<&str> = doc.sections.iter().map(|s| s.eid.as_str()).collect();
    assert_eq!(sections, ["chp_1-1__sec_1", "chp_1-1__sec_1-1"]);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    // `之` that is not followed by a number is text.
    let doc = parse_ok("第一条　依照第三条之规定。\n第二条之规定适用于本条。\n");
    assert_eq!(doc.articles.len(), 2);
    assert_eq!(doc.articles[1].eid, "art_2");
    assert_eq!(
        doc.articles[1].paragraphs[0].text.text,
        "之规定适用于本条。"
    );
}

#[test]
fn the_same_inserted_article_twice_is_an_error() {
    let errors = parse("第一条　甲。\n第一条之一　乙。\n第一条之一　丙。\n", 0).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("`art_1-1` appears twice"));
}

#[test]
fn quoted_text_is_never_structure() {
    let body = "第一条　对某法作如下修改：\n一、将第七条修改为：“第七条　甲。\n“乙。\n第八条　丙。\n（一）丁；\n（二）戊。”\n二、删去第九条。\n第二条　引用「第九条　己」。\n";
    let doc = parse_ok(body);
    let eids: Vec<&str> = doc.articles.iter().map(|a| a.eid.as_str()).collect();
    assert_eq!(eids, ["art_1", "art_2"]);
    let a1 = &doc.articles[0];
    let texts: Vec<&str> = a1.paragraphs.iter().map(|p| p.text.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "对某法作如下修改：",
            "“乙。",
            "第八条　丙。",
            "（一）丁；",
            "（二）戊。”"
        ]
    );
    assert_eq!(a1.paragraphs[0].items.len(), 1);
    assert_eq!(
        a1.paragraphs[0].items[0].text.text,
        "将第七条修改为：“第七条　甲。"
    );
    assert_eq!(a1.paragraphs[4].items[0].text.text, "删去第九条。");
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn an_amending_decision_has_no_articles_of_its_own() {
    let body = "某市人民代表大会常务委员会决定对《某条例》作如下修改：\n一、将第七条修改为：“第七条　甲。”\n二、增加一条，作为第七条之一：“第七条之一　乙。”\n1.将第八条中的“丙”修改为“丁”。\n2.删去第九条。\n本决定自公布之日起施行。\n";
    let doc = parse_ok(body);
    assert!(doc.articles.is_empty());
    assert!(doc.chapters.is_empty());
    assert_eq!(doc.style, None);
    assert_eq!(doc.preamble.len(), 6);
    assert_eq!(
        doc.preamble[1].text.text,
        "一、将第七条修改为：“第七条　甲。”"
    );
}

#[test]
fn skipped_and_backward_article_numbers_are_warnings() {
    let body = "第一条　甲。\n第三条　丙。\n第三条之二　丙之二。\n第二条　乙。\n";
    let doc = parse_ok(body);
    assert_eq!(doc.articles.len(), 4);
    let warnings: Vec<(&str, usize)> = doc
        .warnings
        .iter()
        .map(|w| (w.message.as_str(), w.offset))
        .collect();
    assert_eq!(
        warnings,
        [
            (
                "`第三条` follows `第一条`: the article numbers skip; check that no article is missing",
                body.find("第三条").unwrap()
            ),
            (
                "`第三条之二` follows `第三条`: the article numbers skip; check that no article is missing",
                body.find("第三条之二").unwrap()
            ),
            (
                "`第二条` follows `第三条之二`: the article numbers go backwards; check their order",
                body.find("第二条").unwrap()
            ),
        ]
    );
    let doc = parse_ok("第二条　乙。\n");
    assert_eq!(doc.warnings.len(), 1);
    assert!(
        doc.warnings[0]
            .message
            .starts_with("the first article is `第二条`")
    );
    let doc = parse_ok("引用“第一条\n第二条　乙。\n");
    assert_eq!(doc.warnings.len(), 1);
    assert!(doc.warnings[0].message.contains("never closed"));
}

#[test]
fn a_code_with_contents_preamble_parts_chapters_sections_and_supplementary_provisions() {
    let body = "目　　录\n序　　言\n第一编　总　　则\n第一章　基本规定\n第二章　示例\n第一节　一般规定\n第二编　分　　则\n第一分编　通　　则\n第一章　示例\n附　　则\n序　　言\n示例序言一段。\n第一编　总　　则\n本编导语。\n第一章　基本规定\n第一条　甲。\n第二章　示例\n第一节　一般规定\n第二条　乙。\n第二编　分　　则\n第一分编　通　　则\n第一章　示例\n第三条　丙。\n附　　则\n第四条　本法自示例之日起施行。\n";
    let doc = parse_ok(body);
    // The pasted contents are kept and are not structure.
    assert_eq!(doc.contents.len(), 10);
    assert_eq!(doc.contents[0].text.text, "目　　录");
    assert_eq!(doc.preamble_heading.as_ref().unwrap().text, "序　　言");
    assert_eq!(doc.preamble.len(), 1);
    let parts: Vec<(&str, &str)> = doc
        .parts
        .iter()
        .map(|p| (p.eid.as_str(), p.heading.text.as_str()))
        .collect();
    assert_eq!(parts, [("part_1", "总　　则"), ("part_2", "分　　则")]);
    assert_eq!(doc.parts[0].intro.len(), 1);
    let chapters: Vec<&str> = doc.chapters.iter().map(|c| c.eid.as_str()).collect();
    // Chapters count again in each part; 附则 stands alone.
    assert_eq!(
        chapters,
        [
            "part_1__chp_1",
            "part_1__chp_2",
            "part_2__chp_1",
            "chp_supplementary"
        ]
    );
    assert_eq!(doc.chapters[3].part, None);
    // 分编: chapters of a part's subpart.
    assert_eq!(doc.subparts[0].eid, "part_2__subpart_1");
    assert_eq!(doc.parts[1].subparts, [0]);
    assert!(doc.parts[1].chapters.is_empty());
    assert_eq!(doc.subparts[0].chapters, [2]);
    assert_eq!(doc.chapters[2].subpart, Some(0));
    assert_eq!(doc.sections[0].eid, "part_1__chp_2__sec_1");
    let articles: Vec<(&str, Option<usize>)> = doc
        .articles
        .iter()
        .map(|a| (a.eid.as_str(), a.chapter))
        .collect();
    assert_eq!(
        articles,
        [
            ("art_1", Some(0)),
            ("art_2", Some(1)),
            ("art_3", Some(2)),
            ("art_4", Some(3))
        ]
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn attachments_after_the_text_with_their_own_articles_and_tables() {
    let body = "第一条　甲。\n第二条　乙。\n附件：1．示例办法\n2．示例统计表\n示例单位\n2027年1月15日\n附件1\n示例办法\n第一条　附件的第一条。\n第二条　附件的第二条：\n| 项目 | 数量 |\n| --- | ---: |\n| 示例 | 1 |\n附表2：示例统计表\n| 单位 | 人数 |\n|---|---|\n| 示例 | 2 |\n";
    let doc = parse_ok(body);
    assert_eq!(doc.articles.len(), 2);
    // The list of attachments (附件说明) stays in the text.
    // The list of attachments, the issuer and the date close the text:
    // they are not paragraphs of the last article.
    assert_eq!(doc.articles[1].paragraphs.len(), 1);
    let closing: Vec<(&str, BlockKind)> = doc
        .conclusions
        .iter()
        .map(|b| (b.text.text.as_str(), b.kind))
        .collect();
    assert_eq!(
        closing,
        [
            ("附件：1．示例办法", BlockKind::Paragraph),
            ("2．示例统计表", BlockKind::Paragraph),
            ("示例单位", BlockKind::Signature),
            ("2027年1月15日", BlockKind::Date)
        ]
    );
    // Under a numbered list of attachments, `2．…` is not an article, even
    // where articles are numbered that way.
    let numbered = parse_ok("1．甲。\n附件：1．示例办法\n2．示例统计表\n附件1\n示例办法\n");
    assert_eq!(numbered.articles.len(), 1);
    assert_eq!(numbered.attachments.len(), 1);
    assert_eq!(doc.attachments.len(), 2);
    let a1 = &doc.attachments[0];
    assert_eq!((a1.eid.as_str(), a1.num.as_str()), ("att_1", "附件1"));
    assert_eq!(a1.title.as_ref().unwrap().text, "示例办法");
    let ids: Vec<&str> = a1.body.articles.iter().map(|a| a.eid.as_str()).collect();
    assert_eq!(ids, ["att_1__art_1", "att_1__art_2"]);
    let table = &a1.body.articles[1].paragraphs[1].text;
    assert!(table.table);
    assert_eq!(table.text, "| 项目 | 数量 |\n| --- | ---: |\n| 示例 | 1 |");
    assert_eq!(
        &body[table.offset..table.offset + table.text.len()],
        table.text
    );
    let a2 = &doc.attachments[1];
    assert_eq!((a2.eid.as_str(), a2.num.as_str()), ("att_2", "附表2"));
    assert_eq!(a2.title.as_ref().unwrap().text, "示例统计表");
    assert_eq!(a2.body.preamble.len(), 1);
    assert_eq!(a2.body.preamble[0].kind, BlockKind::Table);
    assert!(doc.eids().contains(&"att_1__art_2".to_string()));
    assert!(doc.eids().contains(&"att_2__preamble".to_string()));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn a_table_in_an_article_is_one_paragraph_and_a_lone_bar_is_text() {
    let doc = parse_ok(
        "第一条　标准如下：\n| 类别 | 标准（元） |\n| --- | --- |\n| 示例甲 | 1,000 |\n| 示例乙 | 2,000 |\n前款标准每年调整。\n第二条　| 不是表格。\n",
    );
    let a1 = &doc.articles[0];
    assert_eq!(a1.paragraphs.len(), 3);
    assert!(a1.paragraphs[1].text.table);
    assert!(!a1.paragraphs[2].text.table);
    assert_eq!(a1.paragraphs[1].eid.as_deref(), Some("art_1__para_2"));
    assert!(!doc.articles[1].paragraphs[0].text.table);
    // Rows apart are not one table: a blank line ends it.
    let doc = parse_ok("第一条　甲：\n| a | b |\n| - | - |\n\n| c | d |\n");
    assert_eq!(doc.articles[0].paragraphs.len(), 3);
    assert!(!doc.articles[0].paragraphs[2].text.table);
}

#[test]
fn what_is_not_an_attachment_marker() {
    for text in ["附件：1．示例办法", "附件1所列单位应当报送。", "附件说明"]
    {
        assert!(super::line::attachment_marker(text).is_none(), "{text}");
    }
    for (text, num, title) in [
        ("附件", "附件", None),
        ("附件一：", "附件一", None),
        ("附件2：示例名单", "附件2", Some("示例名单")),
        ("附表１", "附表１", None),
    ] {
        let m = super::line::attachment_marker(text).unwrap();
        assert_eq!((m.num, m.title), (num, title), "{text}");
    }
}
