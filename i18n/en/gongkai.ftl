# gongkai's messages in English (Project Fluent syntax, https://projectfluent.org).
# Every id here is also in ../zh-CN/gongkai.ftl, with the same variables;
# the code uses each with msg!("id", name = value) (see README, Development).
# Keep the ids grouped by the part of gongkai that says them.

## The command line (src/main.rs)

cli-about = Publish policy documents and public service directories as a static portal
cli-lang = The language of messages: zh-CN or en (default: GONGKAI_LANG, then LANG, then the site's language)
cli-init = Create a new site in DIR that builds at once
cli-build = Build the site into the output folder (public/ by default)
cli-check = Check everything a build checks, without writing
cli-serve = Build the site, serve it, and rebuild and reload pages when its files change
cli-search = Search the built site's index with the same ranking as its search page
cli-deploy = Publish the built site to an S3-compatible bucket, uploading only what changed, in an order that keeps links working, deleting last. Credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN
cli-syntax-css = Print the CSS for a syntect highlighting theme (for theme authors)
errors-found = error: { $count } { $count ->
        [one] problem
       *[other] problems
    } found; nothing was written
warning-line = warning: { $message }
error-line = error: { $message }
summary-built = built
summary = { $done } { $pages } pages, { $sections } sections, { $articles } policy articles and { $records } directory records ({ $files } files) in { $seconds } s
summary-checked = checked
init-done = created a new site in { $dir }; build it with: gongkai build --root { $dir }
search-no-index = error: { $error } (build the site first: gongkai build)
search-bad-filter = error: --{ $flag }: { $error }
search-results = { $count } results
search-results-partial = ; partial matches
search-results-heads = { " " }among the best postings of frequent terms (--all for every match)
deploy-dry-run = dry run: would upload { $uploads }, delete { $deletes }, unchanged { $unchanged } ({ $bytes } bytes); nothing was changed
deploy-done = uploaded { $uploads }, deleted { $deletes }, unchanged { $unchanged } ({ $bytes } bytes) in { $seconds } s
deploy-changed-urls-many = { $count } changed URLs, more than a CDN refreshes by URL: { $file } names the directory { $directory } to refresh
deploy-changed-urls = { $count } changed URLs in { $file }

## Building (src/build/)

anchor-missing = link to an anchor that does not exist: `{ $link }`
anchor-missing-help = anchors are heading ids, or article ids such as #art_6 on a policy
search-index-temporary-failed = cannot write the search index: its temporary files failed: { $error }
owner-generated-file = a file gongkai generates
owner-not-found-page = the 404 page
owner-search-page = the search page
owner-list-page = page { $pager } of the list of { $file }
owner-directory-page = the directory page /{ $path }
cannot-make-file = cannot make { $file }: { $error }

## The dev server (src/serve/)

serve-needs-output = an incremental session needs an output folder
cannot-remove = cannot remove: { $error }
render-thread-failed = a render thread failed
cannot-read = cannot read: { $error }
cannot-write = cannot write: { $error }
cannot-open-root = cannot open the site root: { $error }
serve-cannot-make-folder = cannot make a folder to build into: { $error }
serve-cannot-make-serve-folder = cannot make the serve folder: { $error }
serve-cannot-start = cannot start the server: { $error }
serve-no-address = cannot read the server's address: { $error }
serve-no-watch = warning: { $error }; changes will not be rebuilt
serve-serving = serving { $url }
serve-every-interface = listening on every interface at port { $port }: anyone on the network can read the site
serve-stopped-error = the server stopped: { $error }
serve-stopping = stopping
serve-cannot-listen = cannot listen on { $ip }: { $reason }
serve-cannot-listen-ports = cannot listen on { $ip } at any port from { $first } to { $last }: { $reason }
serve-cannot-listen-help = choose another port with --port, or --port 0 to let the system choose
serve-no-ctrl-c = warning: cannot listen for Ctrl-C: { $error }
serve-changed-more = { $files } and { $more } more
serve-changed = changed: { $files }; rebuilding
serve-poisoned = an earlier rebuild failed unexpectedly; restart gongkai serve
serve-rebuilt =
    rebuilt { $tasks } render { $tasks ->
        [one] task
       *[other] tasks
    } incrementally ({ $files } { $files ->
        [one] file
       *[other] files
    } changed) in { $ms } ms
serve-still-last-good = still serving the last good build; fix the error to update it
serve-build-panicked = error: the build stopped unexpectedly: { $error }
serve-search-updated =
    search index updated ({ $files } { $files ->
        [one] file
       *[other] files
    } changed)
serve-search-panicked = error: the search index stopped unexpectedly: { $error }
serve-watch-warning = warning: watching the site: { $error }
serve-cannot-poll = cannot start polling the site: { $error }
serve-cannot-watch = cannot watch the site: { $error } (try `gongkai serve --poll`)
serve-cannot-watch-folder = cannot watch { $folder }: { $error }
serve-cannot-watch-folder-warning = warning: cannot watch { $folder }: { $error }
overlay-title = The site does not build; the last good version is shown.
overlay-help = help:
overlay-close = Close

## Writing the output (src/write/)

output-cannot-lock-file = cannot write the output's lock file: { $error }
output-parent-writable-help = check that the output folder's parent is writable
output-locked = another gongkai build is writing this output folder right now
output-locked-help = wait for it to finish, then build again (the output is left as it was)
output-cannot-lock = cannot lock the output: { $error }
output-cannot-create-parent = cannot create the output's parent folder: { $error }
output-cannot-write = cannot write the output: { $error }
output-cannot-copy = cannot copy to the output: { $error }
output-outside = refusing to write outside the output: `{ $path }`
output-cannot-replace = cannot replace the output folder: { $error }
cannot-create-folder = cannot create folder: { $error }
output-refused-help = choose an output such as public/ (the default) or a new folder
output-refused-root = refusing to build into the filesystem root
output-refused-site = refusing to build into the site itself or a folder that holds it: the site's sources would be replaced
output-refused-own-folder = refusing to build into the site's own `{ $folder }/` folder or a folder inside it
output-not-folder = the output path exists and is not a folder
output-not-folder-help = choose a folder for the output, such as public/
output-read-only = the output folder is read-only
output-foreign-files = the output folder already holds files that gongkai did not write; a build would replace all of them
output-foreign-files-help = choose a new or empty folder, or pass --force to replace this one (a gongkai output holds a `{ $marker }` file)
claim-unsafe-name = { $what } would be written at `/{ $path }`, whose part `{ $part }` is not a safe file name
claim-unsafe-name-help = names in URLs cannot be empty, `.` or `..`, longer than 255 bytes (85 Chinese characters), or hold `\` or control characters; rename it
claim-twice = two sources would write the same file `/{ $path }`: { $first } and { $second }
claim-twice-help = rename or move the content file (or change its `slug:`); files that gongkai generates cannot be replaced by content

## Loading the site (src/load/)

config-missing = cannot read the site configuration: it is missing
config-missing-help = a site root holds gongkai.yaml; `gongkai init DIR` makes one
front-matter-unterminated = front matter is not terminated
front-matter-unterminated-label = this `---` opens the front matter
front-matter-unterminated-help = close the front matter with a line that holds only `---`
not-a-datetime = `{ $text }` is not a date: write it as 2015-12-16, 2015/12/16 or 2015年12月16日, with a time after a space if needed (2015-12-16 09:30)
not-a-date = `{ $text }` is not a date: write it as 2015-12-16, 2015/12/16 or 2015年12月16日
content-missing = the content folder is missing
content-missing-help = a site keeps its pages in content/; `gongkai init DIR` makes one
svg-refused-help = SVG files are published only without scripts, event handlers and outside links; save a plain drawing, or a PNG
url-taken = this page resolves to the URL /{ $path }, which { $first } already has
url-taken-help = give one of them a different file name or `slug:`
policy-field-on-page = `{ $field }` is policy metadata: it is only allowed with `type: policy`
interprets-on-page = `interprets` is only allowed with `type: interpretation`
policy-needs-field = a policy needs `{ $field }` in its front matter
policy-needs-field-help = see the front matter reference in README.md (policy metadata)
status-must-be = `{ $field }` is set, so `status` must be `{ $status }`
policy-needs-repealed-by = a repealed policy needs `repealed_by`: the policy that repealed it
policy-needs-amended-by = an amended policy needs `amended_by`: the policy that amended it
policy-needs-successor-help = write `{ $key }: "@/policies/new.md"` or a URL
interpretation-needs-interprets = an interpretation needs `interprets: "@/policies/<policy>.md"`
page-needs-title = a page needs a `title`
paginate-by-zero = paginate_by must be at least 1
paginate-by-zero-help = it is how many entries a page of this section's list shows, e.g. 20
symlink-loop = symbolic link loop: this link points back to a folder that contains it
file-name-not-utf8 = file name is not valid UTF-8
stray-spreadsheet = this spreadsheet is not read as a directory table (only .xlsx, .xls and .ods files in a records section are), and gongkai does not publish spreadsheets as downloads
stray-spreadsheet-help = to read it as a directory table, save it as .xlsx, .xls or .ods and move it into a section whose _index.md says `records: organization` (or another kind); to publish it as a download, save it as PDF, or put it in a .zip file

## Shared (src/base/): files, YAML, slugs, diagnostics

diagnostic-here = here
symlink-outside = this symbolic link leads outside the site (to { $target }); gongkai publishes only files inside the site
symlink-outside-help = copy the file into the site instead, or set `follow_symlinks: true` in gongkai.yaml if every link is meant to be published
symlink-broken = cannot follow this symbolic link: { $error }
symlink-broken-help = remove the link or point it at a file inside the site
not-ordinary-fifo = this is a named pipe (FIFO), not an ordinary file; gongkai reads only ordinary files
not-ordinary-socket = this is a socket, not an ordinary file; gongkai reads only ordinary files
not-ordinary-device = this is a device, not an ordinary file; gongkai reads only ordinary files
not-ordinary-help = remove it from the site's folders
file-too-large = this file is too large to read: { $size } MB, over the limit of { $limit } MB
file-too-large-help = split it into smaller files, or raise `max_file_mb` in gongkai.yaml
file-grew = this file grew past the size limit while it was read
not-utf8 = not valid UTF-8: byte { $byte } cannot be read
not-utf8-label = the text stops being UTF-8 here
not-utf8-help = save the file as UTF-8; GBK or GB18030 text must be converted first
yaml-too-deep = the YAML is nested too deeply (more than { $levels } levels of lists and mappings)
yaml-too-large = the YAML is too large or too complex to read safely (too many values, aliases or characters)
yaml-null = this value is empty (null) but text is expected; write a value or remove the key
yaml-duplicate-key = duplicate key `{ $key }`: each key may appear only once
yaml-expected-integer = expected a whole number
yaml-expected-count = expected a whole number (0 or more)
yaml-expected-number = expected a number
yaml-expected-boolean = expected true or false
slug-empty = slug is empty
slug-slash = slug `{ $slug }` must be one path segment: it contains a slash
slug-dots = slug `{ $slug }` must not contain `..`
slug-dot-start = slug `{ $slug }` must not start with a dot
slug-control = slug `{ $slug }` contains a control character
url-segment-too-long = the URL segment `{ $start }…` is { $bytes } bytes long; the most is { $most } bytes (about 85 Chinese characters), because it becomes a folder name
svg-not-xml = this SVG is not well-formed XML: { $error }
svg-doctype = this SVG has a document type declaration (<!DOCTYPE …>), which can define entities; remove it
svg-element = this SVG has a <{ $element }> element, which can run code or load a page; remove it
svg-bad-attribute = this SVG has an attribute that cannot be read
svg-bad-value = the value of `{ $key }` in this SVG cannot be read
svg-event-handler = this SVG has an event handler `{ $key }`, which runs code; remove it
svg-script-url = the `{ $key }` of this SVG holds a script URL; remove it
svg-outside-link = this SVG links to `{ $link }`, outside the file; only links within it (#id) and embedded images (data:image/…) are published

## Links and relations (src/resolve/, src/model/links.rs)

link-to-draft = link to a draft (`draft: true`), which is not published: `{ $link }`; build with --drafts to preview it, or remove the link
link-missing = link to a page that does not exist: `{ $link }`
interprets-not-policy = `interprets` must point at a policy page (type: policy)
successor-is-self = `{ $key }` names this policy itself: a policy cannot replace itself
successor-is-self-help = name the newer policy that replaced this one, or remove `{ $key }`
successor-is-section = a successor must be a page, not a section
successor-form = write the successor as `@/path/to/policy.md` or as an http(s) URL
successors-each-other = { $first } and { $second } name each other as successor: a policy cannot replace the policy that replaces it
successors-circle = the successors of these policies go round in a circle: { $policies }
successors-circle-help = `repealed_by` and `amended_by` name the newer policy; remove the one that points back to an older policy
directory-policy-not-policy = directory.policy names `{ $path }`, which is a page but not a policy (type: policy)
directory-policy-missing = directory.policy names `{ $path }`, which is not a page under content/
directory-policy-help = write the path of a policy page under content/, e.g. `policies/measures.md`
reference-form = write this as an `@/` path from content/, e.g. `@/policies/measures.md`

## Site configuration (src/model/config.rs)

config-paginate-by-help = it is how many entries a page of a section list shows, e.g. 20
search-head-zero = search.head must be at least 1
search-head-zero-help = leave it out for the default (4096)
config-name-special = `{ $name }` contains ? # or %
config-bad-page-name = directory.{ $key }: `{ $name }` cannot name a page ({ $reason })
config-bad-page-name-help = a need or an audience is the last part of its page's URL: leave out / \ ? # % and a leading .
config-theme-name = theme `{ $theme }` must be a folder name under themes/
base-url-character = base_url `{ $url }` holds `{ $character }`, which a URL cannot hold; write the site's address such as https://example.org/ or https://example.org/portal/
base-url-not-absolute = base_url `{ $url }` must be an absolute http(s) URL ({ $error }), such as https://example.org/ or https://example.org/portal/
base-url-scheme = base_url `{ $url }` must start with http:// or https:// and name a host, such as https://example.org/ or https://example.org/portal/
base-url-query = base_url `{ $url }` must not contain a query (?) or fragment (#)
base-url-user = base_url `{ $url }` must not contain a user name or password

## Directory tables and synonyms (src/load/directory/, src/load/synonyms.rs)

table-header-unnamed = column { $column } of the header row has no name
table-header-twice = column `{ $column }` is named twice in the header row
record-body-twice = this record has both a `body` field and a markdown body: keep one
yaml-table-help = a YAML table is a list of records: `- id: …` for each
csv-unreadable = cannot read this CSV table: { $error }
csv-column-count = row on line { $line } has { $columns } columns, but the header row has { $header }
csv-column-count-too-many = the header row has { $header } columns ({ $names }); this row has { $found }. A comma inside a cell splits it in two: put the cell in double quotes, "周一至周五 08:30-12:00,14:00-17:00" (a full-width comma ， needs no quotes)
csv-column-count-too-few = the header row has { $header } columns ({ $names }); this row has { $found }. Every row needs a cell for each column: leave an empty one between two commas (,,), and check for a line break inside a cell that is not in double quotes
csv-read-as-gb18030 = this CSV table is not UTF-8; it was read as GB18030 (GBK), which Excel on Chinese Windows writes for “CSV (逗号分隔)”: in Excel, save it as “CSV UTF-8 (逗号分隔)” instead
field-must-be-text = `{ $key }` must be text
field-required = this record has no `{ $key }`, which it needs
field-items-text = the items of `{ $key }` must be text
field-must-be-list = `{ $key }` must be a list, or text with `;` between the items
field-must-be-count = `{ $key }` must be a whole number (0 or more), not `{ $value }`
field-unknown-close = unknown field `{ $key }` (did you mean `{ $close }`?)
field-unknown = unknown field `{ $key }`
field-unknown-help = the fields of this kind of record are: { $fields }
synonyms-help = synonyms.yaml is a list of groups, one per line: `- [红十字会, 红会]`
synonyms-group-short = a synonym group needs at least two words

## gongkai init and gongkai search (src/init.rs, src/search/query.rs)

init-not-empty = the folder exists and is not empty; choose a new folder
filter-no-values = this site has no `{ $facet }` filter values
filter-unknown = `{ $value }` is not a { $facet } of this site; use one of: { $accepted }
filter-ambiguous = `{ $value }` names several values of { $facet }: { $values }; use the id

## policy structure, rendering, YAML
policy-too-many-titles = a policy has at most two level-1 headings: the notice's title and the title of the main text
policy-quotation-unclosed = a quotation opened on this line is never closed: the lines after it are read as quoted text, not as chapters or articles
policy-id-twice = `{ $id }` appears twice: each part, chapter, section and article number must be unique, or its permanent link would be ambiguous
policy-first-article-not-one = the first article is `{ $label }`: the numbers before it are missing; check that nothing was left out when pasting
policy-articles-skip = `{ $label }` follows `{ $last }`: the article numbers skip; check that no article is missing
policy-articles-backwards = `{ $label }` follows `{ $last }`: the article numbers go backwards; check their order
policy-number-too-large = `{ $num }`: the { $kind ->
        [part] part
        [subpart] subpart
        [chapter] chapter
        [section] section
       *[article] article
    } number is too large (the largest is 4294967295)
policy-number-too-large-help = check the number; a line that starts with 第…{ $unit } is read as { $kind ->
        [part] a part
        [subpart] a subpart
        [chapter] a chapter
        [section] a section
       *[article] an article
    } heading
policy-number-unreadable = `{ $num }`: the { $kind ->
        [part] part
        [subpart] subpart
        [chapter] chapter
        [section] section
       *[article] article
    } number cannot be read
policy-number-unreadable-help = write it as Chinese numerals (第一百零五{ $unit }, 第一万{ $unit }, 第廿{ $unit }) or as digits (第105{ $unit }); a line that starts with 第…{ $unit } is read as { $kind ->
        [part] a part
        [subpart] a subpart
        [chapter] a chapter
        [section] a section
       *[article] an article
    } heading
render-tag-unclosed = this `{ "{" }%` tag is never closed with `%{ "}" }`
render-block-unclosed-before = `{ "{" }% { $name } %{ "}" }` is never closed: add `{ "{" }% end{ $name } %{ "}" }` before the `{ "{" }% end{ $closed } %{ "}" }` on line { $line }
render-end-closes-nothing = `{ "{" }% end{ $closed } %{ "}" }` closes nothing
render-block-unclosed = `{ "{" }% { $name } %{ "}" }` is never closed: add `{ "{" }% end{ $name } %{ "}" }`
render-template-required = the theme has no template `{ $name }`: add templates/{ $name } to the site or the theme
render-template-error = template error: { $message }
render-template-error-in = template error in `{ $name }`: { $message }
render-theme-not-found = theme `{ $name }` not found: there is no folder themes/{ $name }/
render-theme-not-found-help = leave `theme` out (or write `theme: default`) for the built-in theme
render-theme-file-unreadable = cannot read theme file: { $error }
render-template-missing = template `{ $name }` does not exist
render-template-missing-help = templates live in the theme's templates/ folder or the site's templates/ folder
render-syntax-theme-unknown = no syntax theme `{ $name }`; choose one of: { $names }
md-link-missing = link to a file that is not part of the site: `{ $link }` (it leads to `/{ $path }`)
md-link-missing-page-help = link a page with an `@/` path from content/, e.g. `@/policies/measures.md`
md-link-missing-file-help = a relative link is read from the page's address `{ $address }`; put the file beside the page (in a page bundle: a folder with index.md and the file), or under static/, or fix the name
md-heading-id-twice = heading id `{ $id }` is used twice on this page
md-internal-link-help = `@/` paths start at content/, e.g. `@/policies/measures-2015.md#art_6`
yaml-cause-full-width-colon = after the key `{ $key }`, use a half-width colon `:` and a space, not the full-width `：`
yaml-cause-tab = YAML is indented with spaces only: replace the tab at the start of this line with spaces
yaml-cause-colon-in-value = a `: ` inside a value ends the key before it: put the value in double quotes, e.g. `description: "a: b"`
yaml-cause-indentation = check the indentation of this line: the keys of one mapping (one record) start in the same column, with spaces, and the lines of a list start with `- ` in the same column
yaml-cause-quote-value = a value that starts with `@`, `` ` ``, `%` or `|` must be in double quotes, e.g. `interprets: "@/policies/x.md"`
files-not-utf8-or-gb18030-help = this file is neither UTF-8 nor GB18030 (GBK); save it in Excel as “CSV UTF-8 (逗号分隔)”
render-builtin-theme-file = (built-in default theme)/{ $path }
## import, deploy, search

import-save-as-docx = open the file in Word or WPS, choose "Save As" with the type "Word Document (*.docx)", then import the saved .docx file
import-not-docx = this is { $kind }, not a .docx file, and cannot be imported as it is
import-renamed = the file name ends in .docx, but the file is { $kind } (its extension may have been changed), and cannot be imported as it is
import-kind-ole = a Word 97-2003 (.doc) or WPS (.wps, .et) file
import-kind-pdf = a PDF file
import-kind-ofd = an OFD fixed-layout file
import-kind-rtf = an RTF file
import-kind-xlsx = an Excel workbook
import-kind-pptx = a PowerPoint presentation
import-kind-doc = a Word 97-2003 (.doc) file
import-kind-wps = a WPS Writer (.wps) file
import-kind-template = a Word template or macro-enabled document (.{ $ext })
import-kind-no-extension = a file without an extension
import-kind-extension = a .{ $ext } file
import-cannot-read = cannot read the file: { $reason }
import-damaged = the file is damaged and cannot be opened as a .docx
import-damaged-help = open it in Word or WPS, check that it shows correctly, then "Save As" .docx and import that; if it does not open, ask the issuing office for the file again
import-too-large = { $part } in this .docx file is too large for an official document
import-missing-part = this .docx file has no { $part }; it is not a complete Word document
import-bad-xml = { $part } in this .docx file is damaged (at byte { $position }: { $reason })
import-no-site = this is not a gongkai site folder (there is no gongkai.yaml)
import-no-site-help = run it in the site folder, or name the site folder with --root
import-no-slug = the file name "{ $stem }" cannot be used as it is in a web address
import-no-slug-help = give the last part of the web address with --slug, in lowercase English letters, digits and hyphens only, for example --slug notice-2025-3
import-bad-slug = --slug cannot be used: { $reason }
import-bad-section = --section cannot be used: { $reason }
import-exists = the page already exists: { $path }
import-exists-help = choose another --slug; to replace the existing page with this Word file, add --force
import-cannot-write = cannot write: { $reason }
import-report-written = Imported: { $path }
import-report-copied = Original file copied to: { $path }
import-report-parts = Parts found:
import-report-part = { $name }: { $value }
import-report-not-found = (not found)
import-part-mark = Issuing authority mark
import-part-doc-number = Document number
import-part-title = Title
import-part-issued = Document issued (page title)
import-part-addressee = Main recipients
import-part-attachment-note = Attachment note
import-part-signature = Issuing authority signature
import-part-written = Date written
import-part-annotation = Annotation
import-part-attachments = Attachments
import-part-cc = Copied to
import-part-printed = Printing office and date
import-report-body = Body: { $paragraphs } { $paragraphs ->
        [one] paragraph
       *[other] paragraphs
    }, { $chapters } { $chapters ->
        [one] chapter
       *[other] chapters
    }, { $articles } { $articles ->
        [one] article
       *[other] articles
    }, { $tables } { $tables ->
        [one] table
       *[other] tables
    }, { $notes } { $notes ->
        [one] footnote
       *[other] footnotes
    }
import-unplaced-images = { $count } { $count ->
        [one] image
       *[other] images
    } (not imported: save { $count ->
        [one] it
       *[other] them
    } as image files in the page bundle and refer to { $count ->
        [one] it
       *[other] them
    } in the text)
import-unplaced-text-boxes = { $count } text { $count ->
        [one] box
       *[other] boxes
    } (the text in { $count ->
        [one] it
       *[other] them
    } was not imported: add it from the original)
import-unplaced-charts = { $count } { $count ->
        [one] chart
       *[other] charts
    } (not imported)
import-unplaced-objects = { $count } embedded { $count ->
        [one] object
       *[other] objects
    } (not imported)
import-unplaced-formulas = { $count } { $count ->
        [one] formula
       *[other] formulas
    } (not imported)
import-unplaced-comments = { $count } { $count ->
        [one] comment
       *[other] comments
    } (not imported)
import-unplaced-hidden = { $count } hidden { $count ->
        [one] text
       *[other] texts
    } (not imported)
import-unplaced-nested-tables = { $count } { $count ->
        [one] table
       *[other] tables
    } inside a table (the text was put into the cell that holds it)
import-unplaced-merged-cells = { $count } merged { $count ->
        [one] cell
       *[other] cells
    } (split, the text in the first cell)
import-unplaced-line-breaks = { $count } line { $count ->
        [one] break
       *[other] breaks
    } inside a paragraph (split into two lines, that is two paragraphs: check whether they should be one)
import-unplaced-revisions = tracked changes: { $insertions } { $insertions ->
        [one] insertion
       *[other] insertions
    }, { $deletions } { $deletions ->
        [one] deletion
       *[other] deletions
    } (imported as with "Accept All Changes": please check)
import-report-unplaced = Content not placed in the page:
import-report-check = Please check:
import-report-missing = the document detail { $field } was not found; it is left at the top of the page: fill it in from the original
import-report-structure = body structure: { $problem }
import-report-next = After importing, check against the original: the title, document number, dates, article numbers and tables; then fill in topics and published, and run gongkai build to make the site.
deploy-no-target = no deploy target: pass --target s3://BUCKET[/PREFIX] or set deploy.target in gongkai.yaml
deploy-manifest-name-taken = the built site has a file named { $name }, the name of the deploy manifest
deploy-too-many-deletes = this deploy would delete { $count } objects, more than the limit of { $limit }; nothing was changed
deploy-too-many-deletes-help = check the output folder and the target; to allow it, pass --max-deletes { $count } (or set deploy.max_deletes)
deploy-cannot-write-changed-urls = deployed, but cannot write the changed URLs to { $path }: { $reason }
deploy-not-built = no built site in { $path }: build first: gongkai build
deploy-cannot-read-site = cannot read the built site in { $path }: { $reason }
deploy-name-not-utf8 = { $path }: file names to deploy must be UTF-8
deploy-cannot-read = cannot read { $path }: { $reason }
deploy-bad-target = deploy target `{ $target }` must look like s3://BUCKET or s3://BUCKET/PREFIX
deploy-bad-prefix = deploy target `{ $target }`: the prefix `{ $prefix }` must be folder names separated by single slashes
deploy-bad-bucket = bucket name `{ $name }` must be 3 to 63 lower-case letters, digits, dots or hyphens
deploy-bad-endpoint = endpoint `{ $endpoint }` must be an http(s) URL such as https://oss-cn-hangzhou.aliyuncs.com
deploy-no-credentials = no credentials for the storage: { $names } not set
deploy-no-credentials-help = set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials) in the environment; gongkai.yaml never holds them
deploy-headers-bad-glob = deploy.headers: glob `{ $glob }` is not valid
deploy-headers-empty-rule = deploy.headers: the rule for `{ $glob }` sets neither cache_control nor content_type
query-malformed-postings = malformed postings in the index
query-fragment-missing = a fragment is missing from the index
query-index-version = { $path }: index version { $found } (this gongkai reads { $expected })
deploy-endpoint-unusable = endpoint { $endpoint }: { $reason }
deploy-doing-read = reading { $key }
deploy-doing-upload = uploading { $key }
deploy-doing-list = listing the objects
deploy-doing-delete = deleting objects
deploy-bad-listing = the storage at { $endpoint } sent a listing that does not parse: { $reason }
deploy-not-deleted = the storage at { $endpoint } did not delete { $key }: { $code }: { $message }
deploy-unreachable = cannot reach the storage at { $endpoint } while { $doing }: { $reason }
deploy-unreachable-help = check --endpoint (or deploy.endpoint in gongkai.yaml) and the network
deploy-refused = the storage at { $endpoint } refused { $doing } in bucket { $bucket }: { $what }
deploy-no-bucket-help = create the bucket first, or check --target, --endpoint and --path-style
deploy-region-help = check --region and --endpoint for this bucket
deploy-denied-help = check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), and that they may read, write and list this bucket
## directory records (resolve/directory, sheets, hours)

dir-kind-region = region
dir-kind-org-type = organization type
dir-kind-organization = organization
dir-kind-service = service
dir-kind-activity = activity
dir-id-twice = { $kind } id `{ $id }` is already used at { $file }:{ $line }
dir-id-twice-help = ids must be unique within their kind
dir-activity-no-organizers = this activity has no `organizers`, which it needs
dir-activity-bad-status = status `{ $status }` must be scheduled, cancelled or full
dir-activity-no-end = this activity has no `end`: a timed activity needs one
dir-activity-ends-first = this activity ends ({ $end }) before it starts ({ $start })
dir-activity-mixed-times = `start` and `end` must both be dates, or both dates with times
dir-not-phone = `{ $value }` is not a phone number: digits with `-` or spaces, such as 0575-8512 3456 or 12351
dir-url-scheme = it must start with http:// or https://
dir-url-space = it contains a space; write %20 or leave the space out
dir-url-control = it contains a control character
dir-url-bad-char = it contains the character { $char }, which an address cannot have
dir-url-no-host = there is no host name after the //
dir-url-port = the port (after the `:`) is not a number from 0 to 65535
dir-url-ip = the IP address is not valid
dir-url-host = the host name is not valid (a host name is letters, digits, hyphens and dots, such as www.example.org)
dir-not-url = `{ $value }` is not a web address: { $reason }
dir-implements-no-default = a short article id needs `directory.policy` in gongkai.yaml to say which policy it means (the site has more than one, or none); or write @/path.md#art_15
dir-implements-no-article = `{ $value }` names a policy but no article: add #art_N
dir-implements-not-policy = `{ $page }` is not a policy page under content/
dir-implements-twice = `{ $value }` is listed twice in `implements`
dir-implements-same-article = `{ $value }` names the same article as `{ $first }` earlier in `implements`
dir-implements-twice-help = a service implements an article once: remove one of the two entries
dir-implements-no-such-article = `{ $value }` is not an article of { $page }
dir-implements-articles = its articles are { $first } … { $last }
dir-implements-no-articles = it has no articles
dir-bad-id = id `{ $id }` may only use lowercase letters a–z, digits and `-`
dir-file-name-not-id = this record needs an `id`: its file name `{ $id }` is not one (lowercase letters a–z, digits and `-`)
dir-no-id = this record has no `id`, which it needs
dir-page-taken = this record's page /{ $path } is already the page of { $file }
dir-hotline-no-name = a `hotline` needs a `hotline_name` (职工服务热线)
dir-hotline-name-alone = `hotline_name` is given without a `hotline`
dir-not-email = `{ $value }` is not an email address
dir-service-no-audiences = this service has no `audiences`: say who it is for
dir-service-no-needs = this service has no `needs`: say what needs it meets
dir-channel-no-kind = channel `{ $channel }` must start with 线下：, 电话： or 网上： and say how
dir-channel-bad-kind = channel `{ $channel }`: `{ $kind }` is not 线下, 电话 or 网上
dir-region-bad-code = region code `{ $code }` must be 6, 9 or 12 digits (统计用区划代码)
dir-region-bad-level = level `{ $level }` must be 市, 区县, 乡镇街道 or 村社区
dir-term-unknown = `{ $term }` is not one of the { $field } in gongkai.yaml
dir-term-unknown-help = use one of: { $terms }; or add it to directory.{ $field } in gongkai.yaml
dir-term-bad-name = `{ $term }` cannot name a page: leave out / ? # % \ and a leading .
dir-ref-is-name = `{ $value }` is the name of { $kind } `{ $id }`; a reference names the id: write `{ $id }`
dir-ref-did-you-mean = did you mean `{ $id }`?
dir-ref-ids-help = { $kind } ids are given by the `id` of { $kind } records
dir-ref-unknown = there is no { $kind } with id `{ $id }`
dir-region-no-parent = region `{ $id }` ({ $level }) needs a `parent`: only a 市 stands alone
dir-region-parent-level = region `{ $id }` ({ $level }) cannot be under `{ $parent }` ({ $parent_level }): a parent is a higher level
dir-org-circle = organization `{ $id }` is its own ancestor: its parents go round in a circle
dir-org-circle-help = follow the `parent` fields from here and break the circle
hours-hint = write opening hours as days then times, such as `周一至周五 08:30-12:00,14:00-17:30`
hours-no-times = opening hours `{ $entry }` have no times: { $hint }
hours-bad-days = opening hours `{ $entry }`: { $reason }; { $hint }
hours-bad-times = opening hours `{ $entry }`: { $reason }
hours-not-a-day = `{ $day }` is not a day
hours-days-backwards = the days `{ $days }` run backwards
hours-no-days = no days are given
hours-not-a-range = `{ $text }` is not a time range such as 08:30-12:00
hours-not-opening-time = `{ $time }` is not a time such as 08:30
hours-not-closing-time = `{ $time }` is not a time such as 17:30
hours-closes-first = `{ $text }` closes before it opens
sheet-password = this workbook is protected by a password, so it cannot be read
sheet-password-help = save a copy without the password (文件 → 信息 → 保护工作簿 → 用密码进行加密: clear it) and put that in content/
sheet-damaged = this workbook cannot be read: it is damaged or not a .{ $ext } file ({ $reason })
sheet-damaged-help = open it in Excel or WPS and save it again as .xlsx
sheet-reader-failed = the reader failed
sheet-unreadable = sheet { $sheet }: this sheet cannot be read ({ $reason })
sheet-no-id-column = the first row has no `id` column, so this sheet is not a table
sheet-no-id-column-help = the first row of a table sheet names its fields, as a CSV table's does (id, name, …); remove any title row above it, and hide a sheet that holds notes (hidden sheets are not read)
sheet-cell-error-help = fix the formula, or type the value itself in the cell
sheet-cell-error = this cell holds the spreadsheet error { $error }
sheet-place-cell = sheet { $sheet }, row { $row }, column { $column }
sheet-place-row = sheet { $sheet }, row { $row }
sheet-place = sheet { $sheet }
sheet-place-message = { $place }: { $message }
dir-column-label = column `{ $column }`

## YAML errors in words (base/yaml.rs in_words)
yaml-missing-field = missing field `{ $field }`
yaml-unknown-field = unknown field `{ $field }`, expected one of { $expected }
yaml-unknown-field-near = unknown field `{ $field }` (did you mean `{ $nearest }`?), expected one of { $expected }
yaml-unknown-value = unknown variant `{ $value }`, expected one of { $expected }
yaml-unknown-value-near = unknown variant `{ $value }` (did you mean `{ $nearest }`?), expected one of { $expected }
yaml-invalid-type = a value of the wrong kind: { $found } is written here, { $expected } is needed
yaml-mapping-not-allowed = mapping values are not allowed in this context
yaml-other = { $detail }

## command line: flags and clap's headings (main.rs)
cli-import = Import a Word file (.docx) as a policy page: content/SECTION/SLUG/index.md with the original beside it as a download; prints what was found
cli-heading-usage = Usage:{ " " }
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-heading-commands = Commands
cli-arg-root = The site root (where gongkai.yaml is)
cli-arg-output = Where to write the site
cli-arg-built-site = The built site (ROOT/public by default)
cli-arg-base-url = Override base_url from gongkai.yaml (for example to serve under a sub-path)
cli-arg-drafts = Include pages and sections marked `draft: true`
cli-arg-force = Replace the output folder even if it holds files gongkai did not write
cli-arg-replace-page = Replace a page that exists
cli-arg-bind = The address to listen on
cli-arg-port = The port to listen on; when taken, the next free one (0: let the system choose)
cli-arg-poll = Poll for changes instead of using file system notifications
cli-arg-json = Print the results as JSON
cli-arg-limit = How many results to show
cli-arg-kind = Only results of this kind: policy (政策), article (条款), org (组织), service (服务), activity (活动), page (页面); the id or the name
cli-arg-type = Only results of this organization type (its id or name, e.g. fulian or 妇联)
cli-arg-region = Only results in this region or below it (its id, e.g. zhuji, or the name of a region of the first two levels, e.g. 诸暨市)
cli-arg-audience = Only results for this audience (e.g. 残疾人)
cli-arg-need = Only results for this need (e.g. 法律援助)
cli-arg-all = Use every posting of frequent terms, not only their heads (what the search page's 显示全部匹配结果 does)
cli-arg-query = What to search for
cli-arg-target = Where to publish: s3://BUCKET or s3://BUCKET/PREFIX (or deploy.target)
cli-arg-endpoint = The storage's S3 endpoint, e.g. https://oss-cn-hangzhou.aliyuncs.com (AWS S3 for the region by default)
cli-arg-signing-region = The signing region (us-east-1 by default)
cli-arg-path-style = Address the bucket as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT (always so for an IP address or localhost)
cli-arg-dry-run = Compare and list what would change; change nothing
cli-arg-verify = Compare with a listing of the bucket instead of its deploy manifest (after objects were changed by other means)
cli-arg-max-deletes = Refuse to delete more objects than this (256 by default)
cli-arg-changed-urls = Where to write the changed URLs for a CDN refresh (OUTPUT/../changed-urls.txt by default)
cli-arg-file = The Word file (.docx; .doc, .wps, .pdf and .ofd must be saved as .docx first)
cli-arg-section = The section folder under content/
cli-arg-slug = The page's folder name (the last part of its address); from the file name when that is plain ASCII
cli-arg-dir = The folder of the new site
cli-arg-theme = The syntect theme
cli-arg-help = Print help
cli-arg-version = Print version
diagnostic-help-label = help:{ " " }
cli-error-unknown-argument = unexpected argument `{ $arg }`
cli-error-unknown-command = there is no command `{ $command }`
cli-error-invalid-value = `{ $value }` is not a value of { $arg }; use one of: { $accepted }
cli-error-missing-argument = { $arg } is required
cli-error-did-you-mean = { "  " }did you mean `{ $suggestion }`?
cli-error-see-help = For more information, try `--help`.
# --- words (lead): outside errors said in the run's language ---
list-separator = {", "}
io-not-found = no such file or folder
io-permission-denied = permission denied (check the permissions of the file and its folders)
io-already-exists = a file or folder of that name already exists
io-storage-full = the disk is full
io-read-only = the file system is read-only
io-is-a-folder = it is a folder, not a file
io-not-a-folder = a part of the path is not a folder
io-folder-not-empty = the folder is not empty
io-address-in-use = the address (port) is in use by another program
io-address-not-available = this machine has no such address
io-timed-out = timed out
io-invalid-data = invalid data ({ $detail })
url-relative = it is a relative address, not starting with http:// or https://
yaml-expected-colon = a colon is needed here: write `key: value` (a half-width colon and a space)
yaml-tab = YAML indents with spaces only; there is a tab here
yaml-unclosed = a quote or bracket is not closed: check the `"`, `'`, `[` and `{"{"}` of this line (and the lines above)
yaml-structure = the YAML's structure is wrong, most likely its indentation or the `- ` of a list
yaml-bad-character = YAML does not allow this character here; if it is part of a value, put the whole value in double quotes
yaml-kind-text = text
yaml-kind-integer = a whole number
yaml-kind-number = a number
yaml-kind-boolean = true or false
yaml-kind-list = a list (each item starting with `- `)
yaml-kind-mapping = a group of `key: value` lines
yaml-kind-empty = an empty value
tera-found-expected = found { $found } where the template needs one of: { $expected }
tera-kind-variable = variable
tera-kind-field = field
tera-kind-filter = filter
tera-kind-function = function
tera-kind-test = test
tera-kind-template = template
tera-kind-component = component
tera-unknown = there is no { $what } `{ $name }`
tera-unknown-available = there is no { $what } `{ $name }` (available: { $available })
tera-undefined-value = the variable `{ $name }` exists but has no value
tera-tags-mismatch = the closing tag `{ $closing }` does not match the opening tag `{ $opening }`
tera-block-without-parent = no parent template has a block `{ $name }`
tera-not-iterable = a value of type `{ $kind }` cannot be looped over
tera-other = the template engine says: { $detail }
cli-accepted-values = {" "}(one of: { $values })
cli-default-value = {" "}(default: { $value })
serve-http-lang = en
serve-http-not-found = 404 Not Found
serve-http-method = the preview server accepts GET and HEAD requests only
serve-http-bad-request = bad request
serve-http-internal = internal error
cli-error-value-required = { $arg } needs a value after it
cli-error-bad-value = `{ $value }` is not a value { $arg } takes: { $needs }
cli-needs-integer = a whole number is needed here
cli-needs-range = a whole number from { $low } to { $high } is needed here

# --- validity ---
cli-arg-future = Include pages dated after today (publication date still to come), to preview them
source-date-epoch-invalid = SOURCE_DATE_EPOCH is not a number of seconds since 1970-01-01 00:00 UTC: `{ $value }`
source-date-epoch-invalid-help = set it to a whole number such as 1767225600 (2026-01-01 08:00 in Shanghai), or unset it to use the clock
link-to-future = link to a page that is published only on { $date } (its date is after today): `{ $link }`; build with --future to preview it, or remove the link until then
effective-before-written = the policy takes effect (`effective: { $effective }`) before it was written (`written: { $written }`)
expires-before-effective = the policy expires (`expires: { $expires }`) before it takes effect (`effective: { $effective }`)
expires-before-written = the policy expires (`expires: { $expires }`) before it was written (`written: { $written }`)
yaml-expected-mapping = `key: value` lines are needed here
# --- funds ---
funds-year-bad = `{ $value }` is not a year; write it as four digits, e.g. 2025
funds-year-range = the year { $value } is out of range: funds can be disclosed for { $first } to { $last }
funds-kind-unknown = `{ $value }` is not a kind of funds row; use one of: { $kinds }
funds-amount-bad = `{ $value }` in `{ $key }` is not an amount in yuan; write digits with at most two decimals, e.g. 1234567.89 or 1,234,567.89
funds-amount-negative = the amount `{ $value }` in `{ $key }` is negative; write what was raised, held or used as a positive amount
funds-overspent = { $org } used { $used } in { $year }, more than was available ({ $available }: the funds raised plus the opening balances)
funds-overspent-help = check the amounts, or say why in the `explanation` column of a use of that year (e.g. funds carried over from an earlier year)
funds-report-missing = the report `{ $value }` is neither a web address nor a file in the folder of this table
funds-sample-bad = `{ $value }` is not a value of `sample`; write 是 (sample data) or 否

# --- brands ---
dir-kind-brand = brand
dir-brand-bad-kind = `{ $value }` is not a kind of brand or honour; use one of: { $accepted }
dir-brand-bad-level = `{ $value }` is not a level of award; use one of: { $accepted }
dir-brand-bad-year = `{ $value }` is not a year; write the year it was awarded as four digits, e.g. 2023
dir-brand-year-range = the year { $year } is out of range: a year from { $first } to { $last } (this year)
dir-brand-no-holder = a brand needs its holder: `holder` (the id of an organization of the directory) or `holder_name` (a unit named in words, e.g. a hospital ward), or both
cli-arg-brand = Only brands and honours of this kind (its id or name, e.g. jinguo-wenminggang or 巾帼文明岗)

# --- versions ---
version-not-policy = this file is in a versions/ folder, as an earlier text, but the index.md of its folder is not a policy (type: policy)
version-not-policy-help = a versions/ folder holds only the earlier texts of a policy; put other files elsewhere
version-name-not-date = the name `{ $name }` of an earlier text is not a date
version-name-not-date-help = name it by the date the text took effect, e.g. versions/2015-12-16.md
version-same-date = the earlier text dated { $date } has the same date as the text in force ({ $policy }): one text per date
version-newer-than-in-force = the earlier text dated { $date } is newer than the text in force ({ $policy })
version-date-help = the text in force is index.md, dated by version_date (or by its published or written date); the files in versions/ must be older
version-no-articles = this earlier text has no articles (第X条): it does not look like the text of a policy
version-no-articles-help = paste the whole text of the policy as it stood, one article a line starting with 第X条
version-amended-by-self = the amending document this earlier text names is its own policy
version-amendment-circle = { $policy } and { $other } amend each other: the document that amends it is amended by it

# --- amend ---
amend-article-missing = { $article } is not an article of 《{ $policy }》: its text of { $date } (`{ $file }`), which this decision amended, has no { $article }
amend-article-missing-help = that text has { $count } articles, { $first } to { $last }: correct the number in this item, or the text in `{ $file }`
amend-inserted-missing = this item inserts { $article } into 《{ $policy }》, but the text of { $date } (`{ $file }`), which this decision produced, has no { $article }
amend-inserted-missing-help = add { $article } to the text in `{ $file }`, or correct the number in this item
amend-article-unchanged = this item names { $article } of 《{ $policy }》, but { $article } is the same in its texts of { $from } and { $to }
amend-change-not-named = { $article } of 《{ $policy }》 differs between its texts of { $from } and { $to }, but no item of the amending decision `{ $decision }` names it
amendments-circle = these documents amend each other in a circle: { $documents }
amendments-circle-help = `amended_by` names the document that amended a text, which came after that text: correct or remove the `amended_by` that points back to an earlier document
# --- facets ---
cli-arg-issuer = Only policies and their articles of this issuer (发文机关), as the policy library lists them
cli-arg-year = Only policies and their articles written in this year (成文年份), e.g. 2015 or 2015年
cli-arg-topic = Only policies and their articles of this topic (主题分类)
cli-arg-validity = Only policies and their articles of this validity on the build's day (时效性): in_force (有效), not_yet_in_force (尚未生效), amended (已修改), repealed (已废止), expired (已失效)
