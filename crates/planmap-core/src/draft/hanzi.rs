//! Traditional characters read as simplified, for matching only: plans mirrored in traditional
//! script (醫藥, 縣, 區) must find the same units and words as simplified ones. Every pair maps
//! one three-byte character to one three-byte character, so the simplified text has the same
//! byte offsets as the original and a span found in one quotes the other — quotes keep the
//! plan's own characters.
//!
//! The table is a common subset (administrative words, the characters of place names and
//! of health-planning vocabulary), one-to-one only; characters whose simplified form depends
//! on the word (乾, 著, 藉, 瞭) are left as they are.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Pairs of (traditional, simplified), written as one string of two-character pairs.
const PAIRS: &str = "萬万與与專专業业叢丛東东絲丝兩两嚴严喪丧個个豐丰臨临為为爲为麗丽舉举義义烏乌樂乐喬乔習习鄉乡書书買买亂乱爭争於于虧亏雲云亞亚\
產产産产畝亩親亲億亿僅仅從从侖仑倉仓儀仪們们價价眾众衆众優优會会傘伞偉伟傳传傷伤倫伦偽伪體体餘余傭佣俠侠侶侣偵侦側侧僑侨係系債债傾倾償偿儲储\
兒儿黨党蘭兰關关興兴養养獸兽內内岡冈冊册寫写軍军農农馮冯衝冲決决況况凍冻淨净涼凉減减湊凑幾几鳳凤憑凭凱凯擊击劃划劉刘則则剛刚創创刪删別别劑剂\
劍剑劇剧勸劝辦办務务動动勵励勁劲勞劳勢势勳勋區区醫医華华協协單单賣卖盧卢衛卫衞卫卻却廠厂廳厅歷历曆历厲厉壓压厭厌縣县參参雙双發发髮发變变敘叙\
疊叠葉叶號号嘆叹後后嚇吓呂吕嗎吗噸吨聽听啟启吳吴員员嗚呜響响喚唤問问營营國国圍围園园圓圆圖图團团場场壞坏塊块堅坚壇坛墜坠壘垒壩坝塢坞墾垦\
壺壶壽寿夢梦夥伙頭头夾夹奪夺奮奋獎奖婦妇媽妈嬰婴學学孫孙寧宁寶宝實实寵宠審审憲宪對对尋寻導导將将爾尔塵尘嘗尝層层屆届屬属嶺岭歲岁島岛峽峡\
崗岗嶽岳巖岩幣币帥帅師师帳帐帶带幫帮幹干廣广莊庄慶庆廬庐庫库應应廟庙廢废開开異异棄弃張张彌弥彎弯強强歸归當当錄录彙汇匯汇徹彻徑径復复複复\
徵征憶忆懷怀態态總总戀恋懇恳惡恶惱恼悅悦懸悬驚惊懼惧慘惨慣惯願愿戰战戲戏戶户撲扑執执擴扩掃扫揚扬擾扰撫抚拋抛搶抢護护報报擔担擬拟攏拢揀拣\
擁拥攔拦擇择掛挂擋挡擠挤揮挥損损撿捡換换據据攜携搖摇攝摄擺摆數数斂敛斷断無无舊旧時时曠旷暢畅曉晓暫暂術术機机殺杀雜杂權权條条來来楊杨極极\
構构槍枪楓枫樞枢標标棧栈欄栏樹树樣样橋桥檔档梔栀檢检樓楼殘残歐欧歡欢氣气漢汉湯汤溝沟沒没滬沪淚泪潑泼澤泽潔洁灑洒濁浊測测濟济渾浑濃浓塗涂\
潤润漲涨漁渔滲渗溫温灣湾濕湿滿满濾滤灘滩滯滞潛潜瀕濒鹽盐鹹咸災灾燦灿煉炼爐炉點点爛烂熱热燒烧燈灯愛爱牽牵犧牺狀状獨独獄狱獵猎貓猫獻献獲获\
穫获現现環环瑪玛電电畫画疇畴療疗瘡疮盜盗盡尽監监盤盘睜睁礦矿碼码磚砖確确礎础禮礼禍祸離离種种積积稱称穩稳窮穷竊窃競竞筆笔築筑範范節节簡简\
籃篮類类糧粮緊紧紅红約约級级紀纪紡纺紋纹純纯紙纸細细終终組组經经結结給给絡络統统絕绝繼继續续維维綜综綠绿網网緣缘練练線线編编縮缩績绩織织\
罷罢羅罗職职聯联聲声聖圣肅肃脈脉腦脑膽胆臉脸臟脏藝艺藥药蘇苏蘆芦蘋苹莖茎蓋盖蔣蒋薦荐藍蓝處处蟲虫蝦虾補补裝装襲袭見见規规視视覺觉覽览觀观\
計计訂订認认討讨讓让訓训議议記记講讲許许論论設设訪访證证評评識识試试詩诗誠诚話话該该詳详語语誤误說说請请諸诸讀读課课調调談谈謀谋謝谢譜谱\
訊讯貝贝負负財财責责貢贡貨货質质販贩貪贪貧贫購购貯贮貫贯費费貿贸賀贺資资賓宾賞赏賠赔賴赖贊赞贈赠趕赶趙赵趨趋躍跃踐践車车軌轨軟软轉转輪轮\
輕轻載载較较輔辅輛辆輝辉輸输轄辖辭辞邊边遼辽達达遷迁過过運运還还這这進进遠远違违連连遲迟適适選选遺遗郵邮鄰邻鄭郑釀酿釋释裡里鑒鉴針针鐵铁\
鈴铃鉛铅銀银銅铜鋼钢錢钱錯错鍊炼鎮镇鏈链鐘钟鍾钟長长門门閉闭閒闲間间閱阅闊阔隊队陽阳陰阴陣阵階阶際际陸陆陳陈險险隨随隱隐難难雞鸡霧雾靈灵\
靜静頁页頂顶項项順顺須须預预領领頻频題题額额顏颜顧顾顯显風风飛飞飯饭飲饮飼饲飽饱飾饰館馆饒饶馬马駐驻驗验騎骑驟骤鬥斗魚鱼鮮鲜鳥鸟鳴鸣鴨鸭\
鵝鹅麥麦黃黄齊齐齒齿齡龄龍龙龜龟龐庞鄧邓韓韩韋韦贛赣閩闽廈厦瓊琼陝陕隴陇貴贵臺台檯台颱台濱滨萊莱蓮莲薑姜穀谷樸朴殼壳滸浒銷销贏赢隸隶\
製制準准併并並并佔占誌志捨舍鬆松礙碍滅灭燭烛勻匀穌稣衛卫廚厨廂厢廁厕莢荚葦苇蕩荡藏藏績绩蠶蚕臥卧巔巅闆板韻韵彝彝豬猪貴贵賽赛嶼屿鑰钥\
銳锐鋪铺鋒锋鑄铸鐘钟閘闸闖闯闡阐隴陇雜杂雛雏難难電电霸霸靂雳頒颁頌颂頓顿頗颇頸颈頰颊頹颓顆颗顛颠顫颤颳刮颶飓颼飕飄飘飢饥飪饪飯饭餅饼\
餐餐餓饿餘余餚肴館馆饋馈饑饥饞馋馭驭馱驮馴驯駁驳駕驾駛驶駝驼駭骇騙骗騰腾驅驱驕骄驢驴驥骥骯肮髒脏鬧闹魯鲁鯉鲤鯨鲸鱗鳞鳩鸠鴉鸦鴻鸿鵑鹃鵬鹏\
鶴鹤鷹鹰鸚鹦麗丽麼么黴霉點点黨党鼴鼹齋斋滙汇蔘参葯药暉晖晝昼暈晕煙烟漿浆滷卤瀏浏灤滦漵溆滄沧溝沟淺浅湞浈濰潍瀘泸濮濮瀋沈瀟潇瀧泷瀾澜瀉泻橫横潁颍濰潍嶸嵘巒峦崑昆嶧峄鄖郧鄆郓鄲郸鄴邺灕漓禎祯\
";

fn table() -> &'static HashMap<char, char> {
    static T: OnceLock<HashMap<char, char>> = OnceLock::new();
    T.get_or_init(|| {
        let cs: Vec<char> = PAIRS.chars().filter(|c| !c.is_whitespace()).collect();
        cs.chunks_exact(2)
            .filter_map(|p| match p {
                [t, s] if t != s && t.len_utf8() == s.len_utf8() => Some((*t, *s)),
                _ => None,
            })
            .collect()
    })
}

/// The text with the table's traditional characters replaced by simplified ones. The result
/// has the same length in bytes, and each character starts where it started before.
pub fn simplify(text: &str) -> std::borrow::Cow<'_, str> {
    let t = table();
    if !text.chars().any(|c| t.contains_key(&c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().map(|c| t.get(&c).copied().unwrap_or(c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pair_keeps_the_byte_length() {
        let cs: Vec<char> = PAIRS.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(cs.len() % 2, 0, "pairs are two characters");
        for p in cs.chunks_exact(2) {
            assert_eq!(p[0].len_utf8(), p[1].len_utf8(), "{p:?}");
        }
        // No traditional character maps to two different simplified ones.
        let mut seen: HashMap<char, char> = HashMap::new();
        for p in cs.chunks_exact(2) {
            if let Some(prev) = seen.insert(p[0], p[1]) {
                assert_eq!(prev, p[1], "{} maps to {prev} and {}", p[0], p[1]);
            }
        }
    }

    #[test]
    fn traditional_names_read_as_simplified_at_the_same_offsets() {
        let t = "在東湖縣、長嶺區建設醫藥產業園。";
        let s = simplify(t);
        assert_eq!(s, "在东湖县、长岭区建设医药产业园。");
        assert_eq!(s.len(), t.len());
        // A span found in the simplified text quotes the original.
        let at = s.find("长岭区").unwrap_or(0);
        assert_eq!(&t[at..at + "長嶺區".len()], "長嶺區");
        assert!(matches!(simplify("简体文本"), std::borrow::Cow::Borrowed(_)));
    }
}
