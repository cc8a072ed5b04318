# gongkai 的中文消息（Project Fluent 格式，https://projectfluent.org）。
# 这里的每个 id 也在 ../en/gongkai.ftl 中，变量相同；
# 代码用 msg!("id", 名称 = 值) 取用（见 README 的 Development 一节）。
# 按说出消息的部分分组。

## 命令行（src/main.rs）

cli-about = 把政策文件和公共服务名录发布为静态门户网站
cli-lang = 消息的语言：zh-CN 或 en（默认依次看 GONGKAI_LANG、LANG 和网站的 language）
cli-init = 在 DIR 中新建一个可以直接生成的网站
cli-build = 生成网站，写入输出文件夹（默认为 public/）
cli-check = 做生成时的全部检查，但不写入文件
cli-serve = 生成并预览网站；文件改动后自动重新生成并刷新页面
cli-search = 用与网站搜索页相同的排序搜索已生成网站的索引
cli-deploy = 把已生成的网站发布到兼容 S3 的存储桶：只上传有改动的文件，按不会断链的顺序上传，最后删除。凭据取自 AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY 和 AWS_SESSION_TOKEN
cli-syntax-css = 输出某个 syntect 代码高亮主题的 CSS（供主题作者使用）
errors-found = 错误：发现 { $count } 个问题，没有写入任何文件
warning-line = 警告：{ $message }
error-line = 错误：{ $message }
summary-built = 已生成
summary = { $done } { $pages } 个页面、{ $sections } 个栏目、{ $articles } 条政策条款和 { $records } 条名录记录（共 { $files } 个文件），用时 { $seconds } 秒
summary-checked = 已检查
init-done = 已在 { $dir } 新建网站；生成命令：gongkai build --root { $dir }
search-no-index = 错误：{ $error }（请先生成网站：gongkai build）
search-bad-filter = 错误：--{ $flag }：{ $error }
search-results = 共 { $count } 条结果
search-results-partial = ；含部分匹配
search-results-heads = （只在常见词的最佳匹配中查找；加 --all 查看全部匹配）
deploy-dry-run = 试运行：将上传 { $uploads } 个、删除 { $deletes } 个、不变 { $unchanged } 个（{ $bytes } 字节）；没有做任何改动
deploy-done = 已上传 { $uploads } 个、删除 { $deletes } 个、不变 { $unchanged } 个（{ $bytes } 字节），用时 { $seconds } 秒
deploy-changed-urls-many = 有 { $count } 个网址有改动，超过 CDN 按网址刷新的上限：{ $file } 中写的是要刷新的目录 { $directory }
deploy-changed-urls = 有 { $count } 个网址有改动，已写入 { $file }

## 生成（src/build/）

anchor-missing = 链接指向的锚点不存在：`{ $link }`
anchor-missing-help = 锚点是标题的 id，或政策中条款的 id（如 #art_6）；请改成存在的锚点
search-index-temporary-failed = 无法写入搜索索引：临时文件出错：{ $error }
owner-generated-file = gongkai 生成的文件
owner-not-found-page = 404 页面
owner-search-page = 搜索页
owner-list-page = { $file } 列表的第 { $pager } 页
owner-directory-page = 名录页面 /{ $path }
cannot-make-file = 无法生成 { $file }：{ $error }

## 预览服务器（src/serve/）

serve-needs-output = 增量生成需要一个输出文件夹
cannot-remove = 无法删除：{ $error }
render-thread-failed = 一个生成线程出错了
cannot-read = 无法读取：{ $error }
cannot-write = 无法写入：{ $error }
cannot-open-root = 无法打开网站根目录：{ $error }
serve-cannot-make-folder = 无法建立用于生成的文件夹：{ $error }
serve-cannot-make-serve-folder = 无法建立预览用的文件夹：{ $error }
serve-cannot-start = 无法启动预览服务器：{ $error }
serve-no-address = 无法取得服务器的地址：{ $error }
serve-no-watch = 警告：{ $error }；文件改动后不会自动重新生成
serve-serving = 预览地址：{ $url }
serve-every-interface = 正在所有网络接口的 { $port } 端口上监听：网络上的任何人都能看到这个网站
serve-stopped-error = 预览服务器停止了：{ $error }
serve-stopping = 正在停止
serve-cannot-listen = 无法在 { $ip } 上监听：{ $reason }
serve-cannot-listen-ports = 无法在 { $ip } 的 { $first } 到 { $last } 端口上监听：{ $reason }
serve-cannot-listen-help = 请用 --port 换一个端口，或用 --port 0 让系统自动选择
serve-no-ctrl-c = 警告：无法接收 Ctrl-C：{ $error }
serve-changed-more = { $files } 等 { $more } 个文件
serve-changed = 有改动：{ $files }；正在重新生成
serve-poisoned = 之前的一次重新生成意外失败了；请重新启动 gongkai serve
serve-rebuilt = 增量重新生成了 { $tasks } 个生成任务（{ $files } 个文件有改动），用时 { $ms } 毫秒
serve-still-last-good = 仍在显示上一次成功生成的网站；改正错误后会自动更新
serve-build-panicked = 错误：生成意外中止：{ $error }
serve-search-updated = 搜索索引已更新（{ $files } 个文件有改动）
serve-search-panicked = 错误：搜索索引意外中止：{ $error }
serve-watch-warning = 警告：监视网站文件时出错：{ $error }
serve-cannot-poll = 无法开始轮询网站文件：{ $error }
serve-cannot-watch = 无法监视网站文件：{ $error }（可以试试 `gongkai serve --poll`）
serve-cannot-watch-folder = 无法监视 { $folder }：{ $error }
serve-cannot-watch-folder-warning = 警告：无法监视 { $folder }：{ $error }
overlay-title = 网站生成失败；现在显示的是上一次成功生成的版本。
overlay-help = 改正方法：
overlay-close = 关闭

## 写入输出（src/write/）

output-cannot-lock-file = 无法写入输出文件夹的锁文件：{ $error }
output-parent-writable-help = 请检查输出文件夹的上一级文件夹是否可以写入
output-locked = 另一个 gongkai build 正在写入这个输出文件夹
output-locked-help = 请等它完成后再生成一次（输出文件夹保持原样）
output-cannot-lock = 无法锁定输出文件夹：{ $error }
output-cannot-create-parent = 无法建立输出文件夹的上一级文件夹：{ $error }
output-cannot-write = 无法写入输出文件夹：{ $error }
output-cannot-copy = 无法复制到输出文件夹：{ $error }
output-outside = 拒绝写到输出文件夹之外：`{ $path }`
output-cannot-replace = 无法替换输出文件夹：{ $error }
cannot-create-folder = 无法建立文件夹：{ $error }
output-refused-help = 请选择 public/（默认）或一个新文件夹作为输出
output-refused-root = 拒绝生成到文件系统的根目录
output-refused-site = 拒绝生成到网站本身或包含网站的文件夹：那样会替换掉网站的源文件
output-refused-own-folder = 拒绝生成到网站自己的 `{ $folder }/` 文件夹或其中的文件夹
output-not-folder = 输出路径已经存在，但不是文件夹
output-not-folder-help = 请选择一个文件夹作为输出，例如 public/
output-read-only = 输出文件夹是只读的
output-foreign-files = 输出文件夹里已有不是 gongkai 写入的文件；生成会把它们全部替换掉
output-foreign-files-help = 请选择一个新的或空的文件夹，或者加 --force 替换这个文件夹（gongkai 的输出文件夹里有一个 `{ $marker }` 文件）
claim-unsafe-name = { $what } 会写到 `/{ $path }`，其中的 `{ $part }` 不是安全的文件名
claim-unsafe-name-help = 网址中的名称不能为空，不能是 `.` 或 `..`，不能超过 255 字节（85 个汉字），也不能含有 `\` 或控制字符；请改名
claim-twice = 两个来源会写同一个文件 `/{ $path }`：{ $first } 和 { $second }
claim-twice-help = 请给内容文件改名或换个位置（或修改它的 `slug:`）；gongkai 生成的文件不能被内容替换

## 读取网站（src/load/）

config-missing = 无法读取网站配置：找不到这个文件
config-missing-help = 网站根目录里应有 gongkai.yaml；可以用 `gongkai init 文件夹` 新建一个网站
front-matter-unterminated = 文件开头的元数据（front matter）没有结束
front-matter-unterminated-label = 这个 `---` 开始了元数据
front-matter-unterminated-help = 请在元数据后面加一行，只写 `---`
not-a-datetime = `{ $text }` 不是日期：请写成 2015-12-16、2015/12/16 或 2015年12月16日，需要时间的话空一格再写（2015-12-16 09:30）
not-a-date = `{ $text }` 不是日期：请写成 2015-12-16、2015/12/16 或 2015年12月16日
content-missing = 找不到内容文件夹
content-missing-help = 网站的页面放在 content/ 文件夹中；可以用 `gongkai init 文件夹` 新建一个网站
svg-refused-help = SVG 文件只有不含脚本、事件处理和外部链接时才会发布；请另存为普通的图形，或存为 PNG
url-taken = 这个页面的网址是 /{ $path }，但 { $first } 已经用了这个网址
url-taken-help = 请给其中一个换个文件名或 `slug:`
policy-field-on-page = `{ $field }` 是政策的元数据，只能用在 `type: policy` 的页面上
interprets-on-page = `interprets` 只能用在 `type: interpretation`（政策解读）的页面上
policy-needs-field = 政策的元数据中需要写 `{ $field }`
policy-needs-field-help = 请参阅 README.md 中元数据（front matter）的说明（政策元数据一节）
status-must-be = 写了 `{ $field }`，所以 `status` 必须是 `{ $status }`
policy-needs-repealed-by = 已废止的政策需要写 `repealed_by`：废止它的政策
policy-needs-amended-by = 已修改的政策需要写 `amended_by`：修改它的政策
policy-needs-successor-help = 请写成 `{ $key }: "@/policies/new.md"` 或一个网址
interpretation-needs-interprets = 政策解读需要写 `interprets: "@/policies/<政策>.md"`
page-needs-title = 页面需要一个标题（`title`）
paginate-by-zero = paginate_by 至少是 1
paginate-by-zero-help = 它是本栏目列表每页显示的条数，例如 20
symlink-loop = 符号链接形成了循环：这个链接指回了包含它的文件夹
file-name-not-utf8 = 文件名不是有效的 UTF-8
stray-spreadsheet = 这个电子表格不会作为名录表读取（只读取名录栏目中的 .xlsx、.xls 和 .ods 文件），gongkai 也不会把电子表格作为下载文件发布
stray-spreadsheet-help = 要作为名录表读取，请另存为 .xlsx、.xls 或 .ods，并移到 _index.md 中写有 `records: organization`（或其他种类）的栏目里；要作为下载文件发布，请另存为 PDF，或放进 .zip 压缩文件

## 共用部分（src/base/）：文件、YAML、网址名称、诊断

diagnostic-here = 这里
symlink-outside = 这个符号链接指向网站之外（{ $target }）；gongkai 只发布网站里面的文件
symlink-outside-help = 请把文件复制到网站里；如果所有链接都要发布，可以在 gongkai.yaml 中设置 `follow_symlinks: true`
symlink-broken = 无法打开这个符号链接：{ $error }
symlink-broken-help = 请删除这个链接，或让它指向网站里的文件
not-ordinary-fifo = 这是一个命名管道（FIFO），不是普通文件；gongkai 只读取普通文件
not-ordinary-socket = 这是一个套接字（socket），不是普通文件；gongkai 只读取普通文件
not-ordinary-device = 这是一个设备文件，不是普通文件；gongkai 只读取普通文件
not-ordinary-help = 请把它从网站的文件夹中移走
file-too-large = 这个文件太大，无法读取：{ $size } MB，超过了 { $limit } MB 的上限
file-too-large-help = 请把它拆成几个小文件，或在 gongkai.yaml 中调高 `max_file_mb`
file-grew = 这个文件在读取时变大，超过了大小上限
not-utf8 = 不是有效的 UTF-8 编码：第 { $byte } 个字节无法读取
not-utf8-label = 从这里开始不是 UTF-8
not-utf8-help = 请把文件另存为 UTF-8 编码；GBK 或 GB18030 编码的文字要先转换
yaml-too-deep = YAML 嵌套太深（列表和映射超过了 { $levels } 层）
yaml-too-large = YAML 太大或太复杂，无法安全读取（值、别名或字符太多）
yaml-null = 这个值是空的（null），这里需要文字；请写上值，或删去这个键
yaml-duplicate-key = 键 `{ $key }` 重复了：每个键只能出现一次
yaml-expected-integer = 这里需要一个整数
yaml-expected-count = 这里需要一个整数（0 或更大）
yaml-expected-number = 这里需要一个数
yaml-expected-boolean = 这里需要 true 或 false
slug-empty = slug 是空的
slug-slash = slug `{ $slug }` 只能是一段路径，不能含有斜杠
slug-dots = slug `{ $slug }` 不能含有 `..`
slug-dot-start = slug `{ $slug }` 不能以点开头
slug-control = slug `{ $slug }` 含有控制字符
url-segment-too-long = 网址中的 `{ $start }…` 一段长 { $bytes } 字节，最多只能 { $most } 字节（约 85 个汉字），因为它会成为文件夹名
svg-not-xml = 这个 SVG 不是格式正确的 XML：{ $error }
svg-doctype = 这个 SVG 有文档类型声明（<!DOCTYPE …>），它可以定义实体；请删除
svg-element = 这个 SVG 有 <{ $element }> 元素，它可以运行代码或加载网页；请删除
svg-bad-attribute = 这个 SVG 有一个无法读取的属性
svg-bad-value = 这个 SVG 中 `{ $key }` 的值无法读取
svg-event-handler = 这个 SVG 有事件处理属性 `{ $key }`，它会运行代码；请删除
svg-script-url = 这个 SVG 的 `{ $key }` 中有脚本网址；请删除
svg-outside-link = 这个 SVG 链接到文件之外的 `{ $link }`；只发布文件内部的链接（#id）和嵌入的图片（data:image/…）

## 链接和关系（src/resolve/、src/model/links.rs）

link-to-draft = 链接指向草稿（`draft: true`），草稿不会发布：`{ $link }`；要预览请加 --drafts 生成，否则请删去这个链接
link-missing = 链接指向的页面不存在：`{ $link }`
interprets-not-policy = `interprets` 必须指向政策页面（type: policy）
successor-is-self = `{ $key }` 写的是这份政策本身：政策不能替代它自己
successor-is-self-help = 请写替代这份政策的新政策，或删去 `{ $key }`
successor-is-section = 替代它的必须是一个页面，不能是栏目
successor-form = 替代它的政策请写成 `@/path/to/policy.md` 或 http(s) 网址
successors-each-other = { $first } 和 { $second } 互相写对方替代了自己：政策不能替代替代它的政策
successors-circle = 这些政策的替代关系绕成了一个圈：{ $policies }
successors-circle-help = `repealed_by` 和 `amended_by` 写的是更新的政策；请删去指回旧政策的那一个
directory-policy-not-policy = directory.policy 写的 `{ $path }` 是一个页面，但不是政策（type: policy）
directory-policy-missing = directory.policy 写的 `{ $path }` 不是 content/ 下的页面
directory-policy-help = 请写 content/ 下某个政策页面的路径，例如 `policies/measures.md`
reference-form = 请写成从 content/ 算起的 `@/` 路径，例如 `@/policies/measures.md`

## 网站设置（src/model/config.rs）

config-paginate-by-help = 它是栏目列表每页显示的条数，例如 20
search-head-zero = search.head 至少是 1
search-head-zero-help = 不写这一项就用默认值（4096）
config-name-special = `{ $name }` 含有 ?、# 或 %
config-bad-page-name = directory.{ $key }：`{ $name }` 不能作为页面名称（{ $reason }）
config-bad-page-name-help = 需求或人群的名称是它的页面网址的最后一段：不要用 / \ ? # %，也不要以 . 开头
config-theme-name = theme `{ $theme }` 必须是 themes/ 下的一个文件夹名
base-url-character = base_url `{ $url }` 中有网址里不能出现的 `{ $character }`；请写网站的地址，例如 https://example.org/ 或 https://example.org/portal/
base-url-not-absolute = base_url `{ $url }` 必须是完整的 http(s) 网址（{ $error }），例如 https://example.org/ 或 https://example.org/portal/
base-url-scheme = base_url `{ $url }` 必须以 http:// 或 https:// 开头并写明域名，例如 https://example.org/ 或 https://example.org/portal/
base-url-query = base_url `{ $url }` 中不能有查询（?）或片段（#）
base-url-user = base_url `{ $url }` 中不能有用户名或密码

## 名录表和同义词（src/load/directory/、src/load/synonyms.rs）

table-header-unnamed = 表头第 { $column } 列没有列名
table-header-twice = 表头中的列名 `{ $column }` 出现了两次
record-body-twice = 这条记录既有 `body` 字段，又有 markdown 正文：请只保留一个
yaml-table-help = YAML 表是记录的列表：每条记录以 `- id: …` 开头
csv-unreadable = 无法读取这个 CSV 表：{ $error }
csv-column-count = 第 { $line } 行有 { $columns } 列，但表头有 { $header } 列
csv-column-count-too-many = 表头有 { $header } 列（{ $names }），这一行有 { $found } 列。单元格里的半角逗号会把它分成两格：请给这个单元格加上英文双引号，如 "周一至周五 08:30-12:00,14:00-17:00"（全角逗号“，”不用加引号）
csv-column-count-too-few = 表头有 { $header } 列（{ $names }），这一行有 { $found } 列。每一行每一列都要有一格：空着的格子也要留出两个逗号（,,）；再看看有没有不在双引号里的换行
csv-read-as-gb18030 = 这个 CSV 表格不是 UTF-8 编码，已按 GB18030（GBK）读入，这是中文 Windows 上 Excel 保存“CSV (逗号分隔)”时用的编码：请在 Excel 里“另存为”，选择“CSV UTF-8 (逗号分隔)”
field-must-be-text = `{ $key }` 必须是文字
field-required = 这条记录缺少必填的 `{ $key }`
field-items-text = `{ $key }` 的各项必须是文字
field-must-be-list = `{ $key }` 必须是列表，或用 `;` 隔开各项的文字
field-must-be-count = `{ $key }` 必须是整数（0 或更大），不能是 `{ $value }`
field-unknown-close = 没有 `{ $key }` 这个字段（是不是 `{ $close }`？）
field-unknown = 没有 `{ $key }` 这个字段
field-unknown-help = 这种记录的字段有：{ $fields }
synonyms-help = synonyms.yaml 是一组组同义词的列表，每行一组：`- [红十字会, 红会]`
synonyms-group-short = 每组同义词至少要有两个词

## gongkai init 和 gongkai search（src/init.rs、src/search/query.rs）

init-not-empty = 这个文件夹已经存在，而且不是空的；请换一个新文件夹
filter-no-values = 这个网站没有 `{ $facet }` 的筛选值
filter-unknown = `{ $value }` 不是这个网站的 { $facet }；可以用：{ $accepted }
filter-ambiguous = `{ $value }` 对应 { $facet } 的多个值：{ $values }；请用编号

## policy structure, rendering, YAML
policy-too-many-titles = 一份政策文件最多只能有两个一级标题：通知的标题和正文的标题；请把多出的一级标题改为其他级别
policy-quotation-unclosed = 这一行开始的引号没有闭合：后面的各行都会被当作引文，不会识别为章或条；请补上对应的后引号
policy-id-twice = `{ $id }` 出现了两次：编、章、节、条的编号都不能重复，否则固定链接会指向不明；请检查编号
policy-first-article-not-one = 正文的第一条是 `{ $label }`：它前面的条文缺失了；请检查粘贴时是否漏掉了内容
policy-articles-skip = `{ $label }` 紧接在 `{ $last }` 之后：条文编号不连续；请检查是否漏了条文
policy-articles-backwards = `{ $label }` 紧接在 `{ $last }` 之后：条文编号倒退了；请检查条文的顺序
policy-number-too-large = `{ $num }`：{ $kind ->
        [part] 编
        [subpart] 分编
        [chapter] 章
        [section] 节
       *[article] 条
    }的编号太大（最大为 4294967295）
policy-number-too-large-help = 请检查编号；以“第…{ $unit }”开头的行会被识别为{ $kind ->
        [part] 编
        [subpart] 分编
        [chapter] 章
        [section] 节
       *[article] 条
    }的标题
policy-number-unreadable = `{ $num }`：无法识别这个{ $kind ->
        [part] 编
        [subpart] 分编
        [chapter] 章
        [section] 节
       *[article] 条
    }的编号
policy-number-unreadable-help = 请用中文数字（第一百零五{ $unit }、第一万{ $unit }、第廿{ $unit }）或阿拉伯数字（第105{ $unit }）书写；以“第…{ $unit }”开头的行会被识别为{ $kind ->
        [part] 编
        [subpart] 分编
        [chapter] 章
        [section] 节
       *[article] 条
    }的标题
render-tag-unclosed = 这个 `{ "{" }%` 标签没有用 `%{ "}" }` 结束；请补上 `%{ "}" }`
render-block-unclosed-before = `{ "{" }% { $name } %{ "}" }` 没有结束：请在第 { $line } 行的 `{ "{" }% end{ $closed } %{ "}" }` 之前加上 `{ "{" }% end{ $name } %{ "}" }`
render-end-closes-nothing = `{ "{" }% end{ $closed } %{ "}" }` 前面没有对应的开始标签；请删除它，或补上 `{ "{" }% { $closed } %{ "}" }`
render-block-unclosed = `{ "{" }% { $name } %{ "}" }` 没有结束：请加上 `{ "{" }% end{ $name } %{ "}" }`
render-template-required = 主题缺少模板 `{ $name }`：请在网站或主题中添加 templates/{ $name }
render-template-error = 模板错误：{ $message }
render-template-error-in = 模板 `{ $name }` 出错：{ $message }
render-theme-not-found = 找不到主题 `{ $name }`：没有 themes/{ $name }/ 文件夹
render-theme-not-found-help = 如果要用内置主题，请删去 `theme` 这一项（或写成 `theme: default`）
render-theme-file-unreadable = 无法读取主题文件：{ $error }
render-template-missing = 模板 `{ $name }` 不存在
render-template-missing-help = 模板应放在主题的 templates/ 文件夹或网站的 templates/ 文件夹中；请检查模板名称
render-syntax-theme-unknown = 没有名为 `{ $name }` 的代码高亮主题；可以选用：{ $names }
md-link-missing = 链接指向的文件不在网站中：`{ $link }`（指向 `/{ $path }`）
md-link-missing-page-help = 链接到其他页面时，请用以 `@/` 开头、从 content/ 算起的路径，例如 `@/policies/measures.md`
md-link-missing-file-help = 相对链接是从本页的地址 `{ $address }` 算起的；请把文件放在本页旁边（放在页面包里：一个包含 index.md 和该文件的文件夹），或放在 static/ 下，或改正文件名
md-heading-id-twice = 标题编号 `{ $id }` 在本页用了两次；请给其中一个换一个编号
md-internal-link-help = `@/` 路径从 content/ 算起，例如 `@/policies/measures-2015.md#art_6`
yaml-cause-full-width-colon = 键 `{ $key }` 后面请用半角冒号 `:` 加一个空格，不要用全角冒号 `：`
yaml-cause-tab = YAML 只能用空格缩进：请把这一行开头的制表符（Tab）换成空格
yaml-cause-colon-in-value = 值里的 `: ` 会被当作键的结束：请把这个值放在双引号里，例如 `description: "a: b"`
yaml-cause-indentation = 请检查这一行的缩进：同一组（同一条记录）的键要从同一列开始，用空格缩进；列表的各行要以 `- ` 开头，也从同一列开始
yaml-cause-quote-value = 以 `@`、`` ` ``、`%` 或 `|` 开头的值必须放在双引号里，例如 `interprets: "@/policies/x.md"`
files-not-utf8-or-gb18030-help = 这个文件既不是 UTF-8 编码，也不是 GB18030（GBK）编码；请在 Excel 中另存为“CSV UTF-8 (逗号分隔)”
render-builtin-theme-file = （内置默认主题）/{ $path }
## import, deploy, search

import-save-as-docx = 请在 Word 或 WPS 中打开这个文件，选择“另存为”，保存类型选“Word 文档（*.docx）”，再导入另存的 .docx 文件
import-not-docx = 这是{ $kind }，不是 .docx 文件，不能直接导入
import-renamed = 文件名是 .docx，但内容是{ $kind }（可能是改了扩展名），不能直接导入
import-kind-ole = { " " }Word 97-2003（.doc）或 WPS（.wps、.et）格式的文件
import-kind-pdf = { " " }PDF 文件
import-kind-ofd = { " " }OFD 版式文件
import-kind-rtf = { " " }RTF 文件
import-kind-xlsx = { " " }Excel 表格
import-kind-pptx = { " " }PowerPoint 演示文稿
import-kind-doc = { " " }Word 97-2003 格式（.doc）的文件
import-kind-wps = { " " }WPS 文字格式（.wps）的文件
import-kind-template = { " " }Word 模板或带宏的文档（.{ $ext }）
import-kind-no-extension = 没有扩展名的文件
import-kind-extension = { " " }.{ $ext } 文件
import-cannot-read = 无法读取文件：{ $reason }
import-damaged = 文件已损坏，无法作为 .docx 打开
import-damaged-help = 请用 Word 或 WPS 打开它，确认能正常显示后“另存为” .docx 再导入；打不开的话请向发文单位重新索取文件
import-too-large = 这个 .docx 文件里的 { $part } 太大，不像是一份公文
import-missing-part = 这个 .docx 文件缺少 { $part }，不是完整的 Word 文档
import-bad-xml = 这个 .docx 文件里的 { $part } 已损坏（第 { $position } 字节：{ $reason }）
import-no-site = 这里不是 gongkai 网站文件夹（没有 gongkai.yaml）
import-no-site-help = 请在网站文件夹里运行，或者用 --root 指定网站文件夹
import-no-slug = 文件名“{ $stem }”不能直接用作网址
import-no-slug-help = 请用 --slug 指定网址的最后一段，只用英文小写字母、数字和连字符，例如 --slug notice-2025-3
import-bad-slug = --slug 不能用：{ $reason }
import-bad-section = --section 不能用：{ $reason }
import-exists = 页面已经存在：{ $path }
import-exists-help = 换一个 --slug；确实要用这个 Word 文件覆盖原页面的，加上 --force
import-cannot-write = 无法写入：{ $reason }
import-report-written = 已导入：{ $path }
import-report-copied = 原文件已复制到：{ $path }
import-report-parts = 识别到的部分：
import-report-part = { $name }：{ $value }
import-report-not-found = （未找到）
import-part-mark = 发文机关标志
import-part-doc-number = 发文字号
import-part-title = 标题
import-part-issued = 印发的文件（页面标题）
import-part-addressee = 主送机关
import-part-attachment-note = 附件说明
import-part-signature = 发文机关署名
import-part-written = 成文日期
import-part-annotation = 附注
import-part-attachments = 附件
import-part-cc = 抄送机关
import-part-printed = 印发机关和印发日期
import-report-body = 正文：{ $paragraphs } 段，{ $chapters } 章，{ $articles } 条，{ $tables } 个表格，{ $notes } 个脚注
import-unplaced-images = { $count } 图片（未导入，请另存为图片文件放在页面包里，再在正文中引用）
import-unplaced-text-boxes = { $count } 文本框（其中文字未导入，请对照原件补上）
import-unplaced-charts = { $count } 图表（未导入）
import-unplaced-objects = { $count } 嵌入对象（未导入）
import-unplaced-formulas = { $count } 公式（未导入）
import-unplaced-comments = { $count } 批注（未导入）
import-unplaced-hidden = { $count } 段隐藏文字（未导入）
import-unplaced-nested-tables = { $count } 个表格中的表格（文字已并入所在单元格）
import-unplaced-merged-cells = { $count } 处合并单元格（已拆开，文字在第一格）
import-unplaced-line-breaks = { $count } 处段内换行（已分成两行，即两段，请核对是否应合成一段）
import-unplaced-revisions = 修订痕迹：插入 { $insertions } 处、删除 { $deletions } 处（已按“接受所有修订”导入，请核对）
import-report-unplaced = 未能放入页面的内容：
import-report-check = 请检查：
import-report-missing = 文件信息 { $field } 未能识别，已在页面开头留出，请照原文填写
import-report-structure = 正文结构：{ $problem }
import-report-next = 导入后请对照原件核对：标题、发文字号、日期、条文编号和表格；再补填 topics（主题分类）、published（发布日期），然后运行 gongkai build 生成网站。
deploy-no-target = 没有指定发布目标：请用 --target s3://存储桶[/前缀] 指定，或者在 gongkai.yaml 里设置 deploy.target
deploy-manifest-name-taken = 生成的网站里有一个名为 { $name } 的文件，这个名字留给发布清单使用，请给这个文件换个名字
deploy-too-many-deletes = 这次发布会删除 { $count } 个文件，超过了上限 { $limit } 个；为安全起见，什么都没有改动
deploy-too-many-deletes-help = 请检查输出文件夹和发布目标是否正确；确实要删除的，加上 --max-deletes { $count }（或者设置 deploy.max_deletes）
deploy-cannot-write-changed-urls = 已经发布，但无法把有变动的网址写入 { $path }：{ $reason }
deploy-not-built = { $path } 里没有生成好的网站：请先运行 gongkai build
deploy-cannot-read-site = 无法读取 { $path } 里生成好的网站：{ $reason }
deploy-name-not-utf8 = { $path }：要发布的文件名必须是 UTF-8 编码，请给这个文件改名
deploy-cannot-read = 无法读取 { $path }：{ $reason }
deploy-bad-target = 发布目标 `{ $target }` 的写法不对，应该是 s3://存储桶 或 s3://存储桶/前缀
deploy-bad-prefix = 发布目标 `{ $target }`：前缀 `{ $prefix }` 应该是用单个斜杠隔开的文件夹名
deploy-bad-bucket = 存储桶名称 `{ $name }` 不符合要求：应为 3 到 63 个小写英文字母、数字、点或连字符
deploy-bad-endpoint = 存储服务地址 `{ $endpoint }` 应该是 http(s) 网址，例如 https://oss-cn-hangzhou.aliyuncs.com
deploy-no-credentials = 没有存储服务的访问密钥：未设置 { $names }
deploy-no-credentials-help = 请在环境变量里设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY（临时密钥还要设置 AWS_SESSION_TOKEN）；密钥不写在 gongkai.yaml 里
deploy-headers-bad-glob = deploy.headers：匹配规则 `{ $glob }` 写法不对，请检查括号是否成对
deploy-headers-empty-rule = deploy.headers：`{ $glob }` 这条规则既没有设置 cache_control，也没有设置 content_type，请至少设置一项
query-malformed-postings = 搜索索引已损坏（词条记录无法解读），请重新运行 gongkai build 生成网站
query-fragment-missing = 搜索索引不完整（缺少一段摘要），请重新运行 gongkai build 生成网站
query-index-version = { $path }：搜索索引的版本是 { $found }，这个版本的 gongkai 只能读取版本 { $expected }，请用这个 gongkai 重新运行 gongkai build
deploy-endpoint-unusable = 存储服务地址 { $endpoint } 不能使用：{ $reason }
deploy-doing-read = 读取 { $key }
deploy-doing-upload = 上传 { $key }
deploy-doing-list = 列出已有文件
deploy-doing-delete = 删除文件
deploy-bad-listing = { $endpoint } 的存储服务返回的文件列表无法解读：{ $reason }
deploy-not-deleted = { $endpoint } 的存储服务没有删除 { $key }：{ $code }：{ $message }
deploy-unreachable = { $doing }时无法连接 { $endpoint } 的存储服务：{ $reason }
deploy-unreachable-help = 请检查 --endpoint（或 gongkai.yaml 里的 deploy.endpoint）和网络连接
deploy-refused = { $endpoint } 的存储服务拒绝在存储桶 { $bucket } 中{ $doing }：{ $what }
deploy-no-bucket-help = 请先创建存储桶，或者检查 --target、--endpoint 和 --path-style
deploy-region-help = 请检查这个存储桶的 --region 和 --endpoint
deploy-denied-help = 请检查 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY（以及 AWS_SESSION_TOKEN），并确认它们有读取、写入和列出这个存储桶的权限
## directory records (resolve/directory, sheets, hours)

dir-kind-region = 地区
dir-kind-org-type = 组织类型
dir-kind-organization = 组织
dir-kind-service = 服务
dir-kind-activity = 活动
dir-id-twice = { $kind }编号 `{ $id }` 已经在 { $file }:{ $line } 用过了
dir-id-twice-help = 同一类记录的编号不能重复，请给其中一条换一个编号
dir-activity-no-organizers = 这个活动没有填写 `organizers`（主办方），请补上
dir-activity-bad-status = 状态 `{ $status }` 无法识别：请填写 正常、已取消 或 已满（也可写 scheduled、cancelled、full）
dir-activity-no-end = 这个活动没有填写 `end`（结束时间）：写了具体时刻的活动需要结束时间，请补上
dir-activity-ends-first = 这个活动的结束时间（{ $end }）早于开始时间（{ $start }），请检查
dir-activity-mixed-times = `start` 和 `end` 要么都只写日期，要么都写日期加时刻，请统一
dir-not-phone = `{ $value }` 不是电话号码：请只写数字，可用 `-` 或空格分隔，例如 0575-8512 3456 或 12351
dir-url-scheme = 网址要以 http:// 或 https:// 开头
dir-url-space = 网址里有空格；请把空格去掉，或写成 %20
dir-url-control = 网址里有控制字符（看不见的特殊字符），请重新输入这个网址
dir-url-bad-char = 网址里有字符 { $char }，网址不能包含它，请去掉
dir-url-no-host = // 后面没有域名，请补上，例如 www.example.org
dir-url-port = 端口号（`:` 后面的部分）要是 0 到 65535 之间的数字
dir-url-ip = IP 地址不正确，请检查
dir-url-host = 域名不正确（域名由字母、数字、连字符和点组成，例如 www.example.org）
dir-not-url = `{ $value }` 不是有效的网址：{ $reason }
dir-implements-no-default = 只写条款编号时，需要在 gongkai.yaml 的 `directory.policy` 里指明是哪一份政策（这个网站有多份政策，或一份也没有）；也可以写完整的 @/路径.md#art_15
dir-implements-no-article = `{ $value }` 指明了政策，但没有指明条款：请在后面加上 #art_N
dir-implements-not-policy = `{ $page }` 不是 content/ 下的政策页面，请检查路径
dir-implements-twice = `{ $value }` 在 `implements` 里写了两次
dir-implements-same-article = `{ $value }` 和前面 `implements` 里的 `{ $first }` 指的是同一条条款
dir-implements-twice-help = 一项服务对同一条条款只需写一次：请删掉其中一条
dir-implements-no-such-article = `{ $value }` 不是 { $page } 里的条款
dir-implements-articles = 这份政策的条款从 { $first } 到 { $last }
dir-implements-no-articles = 这份政策里没有条款
dir-bad-id = 编号 `{ $id }` 只能用小写字母 a–z、数字和 `-`，请修改
dir-file-name-not-id = 这条记录需要一个 `id`（编号）：文件名 `{ $id }` 不能当编号用（只能用小写字母 a–z、数字和 `-`），请加上 `id`，或给文件改名
dir-no-id = 这条记录没有填写 `id`（编号），请补上
dir-page-taken = 这条记录的页面 /{ $path } 已经是 { $file } 的页面了，请换一个编号，或把其中一个移到别处
dir-hotline-no-name = 填写了 `hotline`（热线电话）时，还需要填写 `hotline_name`（热线名称，例如 职工服务热线）
dir-hotline-name-alone = 填写了 `hotline_name`（热线名称），却没有填写 `hotline`（热线电话），请补上
dir-not-email = `{ $value }` 不是电子邮箱地址，请检查
dir-service-no-audiences = 这项服务没有填写 `audiences`（服务对象）：请写明面向哪些人
dir-service-no-needs = 这项服务没有填写 `needs`（需求）：请写明它能解决哪些需求
dir-channel-no-kind = 办理渠道 `{ $channel }` 要以 线下：、电话： 或 网上： 开头，并写明怎么办理
dir-channel-bad-kind = 办理渠道 `{ $channel }`：`{ $kind }` 不是 线下、电话 或 网上，请改成其中一种
dir-region-bad-code = 地区代码 `{ $code }` 要是 6 位、9 位或 12 位数字（统计用区划代码），请检查
dir-region-bad-level = 级别 `{ $level }` 无法识别：请填写 市、区县、乡镇街道 或 村社区
dir-term-unknown = `{ $term }` 不在 gongkai.yaml 的 { $field } 列表里
dir-term-unknown-help = 请从这些里选一个：{ $terms }；或者把它加到 gongkai.yaml 的 directory.{ $field } 里
dir-term-bad-name = `{ $term }` 不能用作页面名称：请去掉 / ? # % \ 这些字符，也不要以 . 开头
dir-ref-is-name = `{ $value }` 是{ $kind } `{ $id }` 的名称；这里要填编号，不是名称：请写 `{ $id }`
dir-ref-did-you-mean = 是不是想写 `{ $id }`？
dir-ref-ids-help = { $kind }的编号就是各条{ $kind }记录里的 `id`，请从中选一个
dir-ref-unknown = 没有编号为 `{ $id }` 的{ $kind }
dir-region-no-parent = 地区 `{ $id }`（{ $level }）需要填写 `parent`（上级地区）：只有 市 可以没有上级
dir-region-parent-level = 地区 `{ $id }`（{ $level }）不能放在 `{ $parent }`（{ $parent_level }）下面：上级地区的级别要更高
dir-org-circle = 组织 `{ $id }` 的上级绕了一圈又回到了它自己
dir-org-circle-help = 请从这里顺着 `parent`（上级组织）一路查下去，把这个循环断开
hours-hint = 办公时间请先写日期、再写时间，例如 `周一至周五 08:30-12:00,14:00-17:30`
hours-no-times = 办公时间 `{ $entry }` 没有写具体时间：{ $hint }
hours-bad-days = 办公时间 `{ $entry }`：{ $reason }；{ $hint }
hours-bad-times = 办公时间 `{ $entry }`：{ $reason }
hours-not-a-day = `{ $day }` 不是星期几（可写 周一、星期一、工作日、每天 等）
hours-days-backwards = 日期 `{ $days }` 前后颠倒了，请把较早的一天写在前面
hours-no-days = 没有写是哪几天
hours-not-a-range = `{ $text }` 不是时间段，请写成 08:30-12:00 这样
hours-not-opening-time = `{ $time }` 不是时间，请写成 08:30 这样
hours-not-closing-time = `{ $time }` 不是时间，请写成 17:30 这样
hours-closes-first = `{ $text }` 的结束时间早于开始时间，请检查
sheet-password = 这个工作簿设置了打开密码，无法读取
sheet-password-help = 请另存一份不带密码的副本（文件 → 信息 → 保护工作簿 → 用密码进行加密：把密码清空），放到 content/ 里
sheet-damaged = 无法读取这个工作簿：文件已损坏，或者不是 .{ $ext } 文件（读取时的原话：{ $reason }）
sheet-damaged-help = 请用 Excel 或 WPS 打开它，再另存为 .xlsx
sheet-reader-failed = 读取程序出错
sheet-unreadable = 工作表 { $sheet }：无法读取这张工作表（{ $reason }）
sheet-no-id-column = 第一行没有 `id` 列，所以这张工作表不是数据表
sheet-no-id-column-help = 数据表的第一行要写字段名，和 CSV 表格一样（id、name、…）；请删掉上方的标题行；放说明文字的工作表请隐藏起来（隐藏的工作表不会读取）
sheet-cell-error-help = 请修正公式，或者直接在单元格里填写数值
sheet-cell-error = 这个单元格里是表格错误值 { $error }
sheet-place-cell = 工作表 { $sheet } 第 { $row } 行 { $column } 列
sheet-place-row = 工作表 { $sheet } 第 { $row } 行
sheet-place = 工作表 { $sheet }
sheet-place-message = { $place }：{ $message }
dir-column-label = `{ $column }` 列

## YAML errors in words (base/yaml.rs in_words)
yaml-missing-field = 缺少必填的键 `{ $field }`：请补上这一行
yaml-unknown-field = 没有 `{ $field }` 这个键；可以写的键有：{ $expected }
yaml-unknown-field-near = 没有 `{ $field }` 这个键，是不是 `{ $nearest }`？可以写的键有：{ $expected }
yaml-unknown-value = `{ $value }` 不是可以写的值；可以写：{ $expected }
yaml-unknown-value-near = `{ $value }` 不是可以写的值，是不是 `{ $nearest }`？可以写：{ $expected }
yaml-invalid-type = 这里的值类型不对：写的是 { $found }，需要的是 { $expected }
yaml-mapping-not-allowed = 这里不能再写“键: 值”：多半是缩进不对，或者值里有没加引号的冒号
yaml-other = YAML 格式有误：{ $detail }

## command line: flags and clap's headings (main.rs)
cli-import = 把 Word 文件（.docx）导入为政策页面：写入 content/栏目/SLUG/index.md，原件放在旁边供下载；并列出识别到的内容
cli-heading-usage = 用法：
cli-heading-options = 选项
cli-heading-arguments = 参数
cli-heading-commands = 命令
cli-arg-root = 网站根目录（gongkai.yaml 所在的文件夹）
cli-arg-output = 生成的网站写到哪里
cli-arg-built-site = 已生成的网站（默认为 根目录/public）
cli-arg-base-url = 临时改用这个 base_url（例如在子路径下预览）
cli-arg-drafts = 也生成标了 `draft: true` 的页面和栏目
cli-arg-force = 输出文件夹里有不是 gongkai 写入的文件时，也照样替换
cli-arg-replace-page = 页面已经存在时替换它
cli-arg-bind = 监听的地址
cli-arg-port = 监听的端口；被占用时用下一个空闲端口（0：由系统选择）
cli-arg-poll = 定时检查文件改动，而不用文件系统通知
cli-arg-json = 以 JSON 输出结果
cli-arg-limit = 显示多少条结果
cli-arg-kind = 只要这一类结果：policy（政策）、article（条款）、org（组织）、service（服务）、activity（活动）、page（页面）；写编号或中文名都可以
cli-arg-type = 只要这一类组织的结果（写编号或名称，如 fulian 或 妇联）
cli-arg-region = 只要这个地区及其下级地区的结果（写编号，如 zhuji，或前两级地区的名称，如 诸暨市）
cli-arg-audience = 只要面向这类人群的结果（如 残疾人）
cli-arg-need = 只要这类需求的结果（如 法律援助）
cli-arg-all = 常见词也使用全部匹配，而不只是排在前面的（与搜索页“显示全部匹配结果”相同）
cli-arg-query = 要搜索的内容
cli-arg-target = 发布到哪里：s3://存储桶 或 s3://存储桶/前缀（或 gongkai.yaml 的 deploy.target）
cli-arg-endpoint = 存储服务的 S3 地址，如 https://oss-cn-hangzhou.aliyuncs.com（默认为该区域的 AWS S3）
cli-arg-signing-region = 签名用的区域（默认为 us-east-1）
cli-arg-path-style = 用 地址/存储桶 而不是 存储桶.地址 的形式访问（IP 地址和 localhost 总是这样）
cli-arg-dry-run = 只比较并列出会改动什么，不做任何改动
cli-arg-verify = 与存储桶的文件列表比较，而不是与发布清单比较（存储桶里的文件被别的方式改过之后用）
cli-arg-max-deletes = 要删除的文件超过这个数目时拒绝执行（默认为 256）
cli-arg-changed-urls = 把有改动的网址写到哪里，供 CDN 刷新（默认为 输出文件夹/../changed-urls.txt）
cli-arg-file = Word 文件（.docx；.doc、.wps、.pdf 和 .ofd 请先另存为 .docx）
cli-arg-section = content/ 下的栏目文件夹
cli-arg-slug = 页面的文件夹名（网址的最后一段）；文件名是纯英文数字时默认用文件名
cli-arg-dir = 新网站的文件夹
cli-arg-theme = syntect 代码高亮主题
cli-arg-help = 显示帮助
cli-arg-version = 显示版本
diagnostic-help-label = 提示：
cli-error-unknown-argument = 没有 `{ $arg }` 这个参数
cli-error-unknown-command = 没有 `{ $command }` 这个命令
cli-error-invalid-value = `{ $value }` 不是 { $arg } 可以取的值；可以写：{ $accepted }
cli-error-missing-argument = 缺少 { $arg }
cli-error-did-you-mean = { "  " }是不是 `{ $suggestion }`？
cli-error-see-help = 加 `--help` 查看用法。
# --- words (lead): outside errors said in the run's language ---
list-separator = 、
io-not-found = 找不到这个文件或文件夹
io-permission-denied = 没有权限（请检查文件和文件夹的权限）
io-already-exists = 已经有同名的文件或文件夹
io-storage-full = 磁盘已满
io-read-only = 文件系统是只读的
io-is-a-folder = 这是一个文件夹，不是文件
io-not-a-folder = 路径中有一段不是文件夹
io-folder-not-empty = 文件夹不是空的
io-address-in-use = 这个地址（端口）已经被别的程序占用
io-address-not-available = 本机没有这个地址
io-timed-out = 超时
io-invalid-data = 数据无效（{ $detail }）
url-relative = 这是相对地址，没有以 http:// 或 https:// 开头
yaml-expected-colon = 这里需要一个半角冒号：键和值之间写 `键: 值`（冒号后加一个空格）
yaml-tab = YAML 只能用空格缩进，这里有制表符（Tab）
yaml-unclosed = 引号或括号没有闭合：请检查这一行（及上面几行）的 `"`、`'`、`[`、`{"{"}`
yaml-structure = YAML 的结构不对，多半是缩进或列表的 `- ` 写错了
yaml-bad-character = 这里有 YAML 不允许的字符；如果它是值的一部分，请把整个值放在双引号里
yaml-kind-text = 文字
yaml-kind-integer = 整数
yaml-kind-number = 数
yaml-kind-boolean = true 或 false
yaml-kind-list = 列表（每项以 `- ` 开头）
yaml-kind-mapping = 一组“键: 值”
yaml-kind-empty = 空值
tera-found-expected = 模板这里写的是 { $found }，应当是以下之一：{ $expected }
tera-kind-variable = 变量
tera-kind-field = 字段
tera-kind-filter = 过滤器
tera-kind-function = 函数
tera-kind-test = 测试
tera-kind-template = 模板
tera-kind-component = 组件
tera-unknown = 没有名为 `{ $name }` 的{ $what }
tera-unknown-available = 没有名为 `{ $name }` 的{ $what }（可用的有：{ $available }）
tera-undefined-value = 变量 `{ $name }` 存在，但没有值
tera-tags-mismatch = 结束标签 `{ $closing }` 与开始标签 `{ $opening }` 不配对
tera-block-without-parent = 上级模板里没有 `{ $name }` 这个块（block）
tera-not-iterable = 不能对 `{ $kind }` 类型的值做循环
tera-other = 模板引擎的原话：{ $detail }
cli-accepted-values = （可以写：{ $values }）
cli-default-value = （默认为 { $value }）
serve-http-lang = zh-CN
serve-http-not-found = 404 找不到这个网页
serve-http-method = 预览服务器只接受 GET 和 HEAD 请求
serve-http-bad-request = 请求的网址有误
serve-http-internal = 预览服务器内部出错
cli-error-value-required = { $arg } 后面要写一个值
cli-error-bad-value = `{ $value }` 不是 { $arg } 可以取的值：{ $needs }
cli-needs-integer = 这里需要一个整数
cli-needs-range = 这里需要 { $low } 到 { $high } 之间的整数

# --- validity ---
cli-arg-future = 也生成日期在今天之后（尚未到发布日期）的页面，用于预览
source-date-epoch-invalid = SOURCE_DATE_EPOCH 不是从 1970-01-01 00:00（UTC）起算的秒数：`{ $value }`
source-date-epoch-invalid-help = 请设为整数，例如 1767225600（上海时间 2026-01-01 08:00），或者不设，使用系统时钟
link-to-future = 链接指向的页面要到 { $date } 才发布（日期在今天之后）：`{ $link }`；要预览请加 --future 生成，否则请等到那天再加这个链接
effective-before-written = 施行日期（`effective: { $effective }`）早于成文日期（`written: { $written }`）
expires-before-effective = 有效期截止日（`expires: { $expires }`）早于施行日期（`effective: { $effective }`）
expires-before-written = 有效期截止日（`expires: { $expires }`）早于成文日期（`written: { $written }`）
yaml-expected-mapping = 这里需要一行一行的“键: 值”
# --- funds ---
funds-year-bad = `{ $value }` 不是年份，请写四位数字，如 2025
funds-year-range = 年份 { $value } 超出范围：资金公开的年份应在 { $first } 至 { $last } 之间
funds-kind-unknown = `{ $value }` 不是资金表的类别，可用：{ $kinds }
funds-amount-bad = `{ $key }` 列的 `{ $value }` 不是以元为单位的金额；请写数字，最多两位小数，如 1234567.89 或 1,234,567.89
funds-amount-negative = `{ $key }` 列的金额 `{ $value }` 是负数；筹集、管理和使用的资金都写正数
funds-overspent = { $org } { $year } 年使用资金 { $used }，超过了可用资金 { $available }（筹集资金加期初余额）
funds-overspent-help = 请核对金额；如确有原因（如使用以前年度结转的资金），请在该年某一使用记录的 `explanation` 列写明
funds-report-missing = 报告 `{ $value }` 既不是网址，也不是本表格所在文件夹中的文件
funds-sample-bad = `{ $value }` 不是 `sample` 列可用的值；示例数据写“是”，否则写“否”或留空

# --- brands ---
dir-kind-brand = 品牌荣誉
dir-brand-bad-kind = `{ $value }` 不是可用的品牌荣誉类别；可用：{ $accepted }
dir-brand-bad-level = `{ $value }` 不是可用的授予级别；可用：{ $accepted }
dir-brand-bad-year = `{ $value }` 不是年份；请用四位数字写授予年份，如 2023
dir-brand-year-range = 年份 { $year } 超出范围：应在 { $first } 年至 { $last } 年（今年）之间
dir-brand-no-holder = 品牌荣誉须写明获得单位：`holder`（目录中组织的编号）或 `holder_name`（不在目录中的单位名称，如医院病区），也可两者都写
cli-arg-brand = 只要这类品牌荣誉（类别编号或名称，如 jinguo-wenminggang 或 巾帼文明岗）

# --- versions ---
version-not-policy = 这个文件在 versions/ 文件夹里，是一个早期文本，但它所在的文件夹的 index.md 不是政策（type: policy）
version-not-policy-help = versions/ 文件夹只用于保存政策的历次文本；其他页面的文件请放在别处
version-name-not-date = 早期文本的文件名 `{ $name }` 不是日期
version-name-not-date-help = 用这个文本开始施行的日期命名，例如 versions/2015-12-16.md
version-same-date = 早期文本的日期 { $date } 与现行文本（{ $policy }）的日期相同：同一天只能有一个文本
version-newer-than-in-force = 早期文本的日期 { $date } 晚于现行文本（{ $policy }）的日期
version-date-help = 现行文本写在 index.md 中，它的日期由 version_date 给出（没有时用发布日期或成文日期）；versions/ 里的文件必须更早
version-no-articles = 这个早期文本里找不到任何条款（第X条），它不像是政策的正文
version-no-articles-help = 请粘贴当时施行的政策全文，每条一行，以“第X条”开头
version-amended-by-self = 这个早期文本写的修改文件就是它所属的政策本身
version-amendment-circle = { $policy } 与 { $other } 互相修改：修改它的文件又被它修改

# --- amend ---
amend-article-missing = 《{ $policy }》没有{ $article }：本决定修改的是它 { $date } 的文本（`{ $file }`），其中没有{ $article }
amend-article-missing-help = 那个文本共 { $count } 条，从{ $first }到{ $last }：请改正本项中的条号，或者核对 `{ $file }` 中的文本
amend-inserted-missing = 本项在《{ $policy }》中增加{ $article }，但本决定修改后的 { $date } 文本（`{ $file }`）中没有{ $article }
amend-inserted-missing-help = 请在 `{ $file }` 的文本中补上{ $article }，或者改正本项中的条号
amend-article-unchanged = 本项写的是《{ $policy }》{ $article }，但{ $article }在 { $from } 和 { $to } 两个文本中完全相同
amend-change-not-named = 《{ $policy }》{ $article }在 { $from } 和 { $to } 两个文本中不同，但修改决定 `{ $decision }` 中没有一项写到它
amendments-circle = 这些文件互相修改，绕成了一个圈：{ $documents }
amendments-circle-help = `amended_by` 写的是修改了这个文本的文件，它比这个文本更新：请改正或删去指回较早文件的那个 `amended_by`
# --- facets ---
cli-arg-issuer = 只要这个发文机关的政策及其条款（与政策文件库的筛选相同）
cli-arg-year = 只要这一年成文的政策及其条款（成文年份，如 2015 或 2015年）
cli-arg-topic = 只要这个主题分类的政策及其条款
cli-arg-validity = 只要在构建当天是这种时效性的政策及其条款：in_force（有效）、not_yet_in_force（尚未生效）、amended（已修改）、repealed（已废止）、expired（已失效）
