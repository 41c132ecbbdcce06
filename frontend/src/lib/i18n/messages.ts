// Vietnamese is the source of truth: its keys define MessageKey, and English must match them.
const vi = {
  "app.name": "kiemdiem",
  "app.tagline": "Kiểm điểm, đánh giá, xếp loại đảng viên",
  "locale.label": "Ngôn ngữ",
  "locale.vi": "Tiếng Việt",
  "locale.en": "English",
  "menu.label": "Menu chính",
  "menu.home": "Tổng quan",
  "menu.status": "Trạng thái hệ thống",
  "menu.apiDocs": "Tài liệu API",
  "routeError.title": "Đã có lỗi xảy ra",
  "routeError.subtitle": "Không mở được trang này. Hãy tải lại trang.",
  "routeError.reload": "Tải lại trang",
  "notFound.title": "Không tìm thấy trang",
  "notFound.subtitle": "Địa chỉ bạn mở không tồn tại hoặc đã được chuyển đi.",
  "notFound.back": "Về trang tổng quan",
  "home.title": "Tổng quan",
  "home.intro":
    "kiemdiem giúp các tổ chức đảng thực hiện việc kiểm điểm, đánh giá, xếp loại chất lượng đảng viên hằng năm: từ lúc mở đợt kiểm điểm đến khi tổng hợp kết quả và lập báo cáo, theo đúng quy định và hướng dẫn của cấp trên.",
  "home.cycle": "Một đợt kiểm điểm gồm các bước",
  "home.step.selfReview": "Tự kiểm điểm",
  "home.step.selfReview.desc":
    "Đảng viên lập bản tự kiểm điểm và tự nhận mức xếp loại.",
  "home.step.feedback": "Lấy ý kiến góp ý",
  "home.step.feedback.desc":
    "Chi bộ lấy ý kiến nơi công tác, nơi cư trú và của cấp ủy, ủy ban kiểm tra khi có gợi ý kiểm điểm.",
  "home.step.ballot": "Bỏ phiếu kín",
  "home.step.ballot.desc":
    "Chi bộ bỏ phiếu kín đề xuất mức xếp loại; ban kiểm phiếu lập biên bản kiểm phiếu.",
  "home.step.classification": "Xếp loại",
  "home.step.classification.desc":
    "Mỗi đảng viên được xếp vào một trong bốn mức: Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ, Không hoàn thành nhiệm vụ.",
  "home.step.appraisal": "Thẩm định",
  "home.step.appraisal.desc":
    "Đảng ủy cơ sở thẩm định đề xuất của các chi bộ và quyết định mức xếp loại.",
  "home.step.rewards": "Khen thưởng",
  "home.step.rewards.desc":
    "Đề nghị khen thưởng đảng viên và tổ chức đảng đủ điều kiện.",
  "home.step.reports": "Báo cáo",
  "home.step.reports.desc":
    "Tổng hợp kết quả theo từng cấp và lập báo cáo gửi cấp trên.",
  "status.title": "Trạng thái hệ thống",
  "status.recheck": "Kiểm tra lại",
  "status.checking": "Đang kiểm tra hệ thống…",
  "status.ready": "Hệ thống sẵn sàng",
  "status.notReady": "Hệ thống chưa sẵn sàng",
  "status.unreachable": "Không kết nối được máy chủ",
  "status.unreachable.detail":
    "Máy chủ không trả lời. Hãy kiểm tra kết nối mạng hoặc liên hệ quản trị viên.",
  "status.database": "Cơ sở dữ liệu",
  "status.checkedAt": "Kiểm tra lúc",
  "status.autoRefresh": "Tự động kiểm tra lại sau mỗi 10 giây.",
} satisfies Record<string, string>;

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  "app.name": "kiemdiem",
  "app.tagline": "Review, assessment and classification of Party members",
  "locale.label": "Language",
  "locale.vi": "Tiếng Việt",
  "locale.en": "English",
  "menu.label": "Main menu",
  "menu.home": "Overview",
  "menu.status": "System status",
  "menu.apiDocs": "API documentation",
  "routeError.title": "Something went wrong",
  "routeError.subtitle": "This page could not be opened. Please reload it.",
  "routeError.reload": "Reload the page",
  "notFound.title": "Page not found",
  "notFound.subtitle": "The address you opened does not exist or has moved.",
  "notFound.back": "Back to the overview",
  "home.title": "Overview",
  "home.intro":
    "kiemdiem helps Party organisations run the yearly review, assessment and classification of Party members: from opening a review cycle to compiling the results and reporting them, following the regulations and guidance from above.",
  "home.cycle": "A review cycle goes through these steps",
  "home.step.selfReview": "Self-review",
  "home.step.selfReview.desc":
    "Each member writes a self-review and proposes their own level.",
  "home.step.feedback": "Feedback",
  "home.step.feedback.desc":
    "The branch collects feedback from the workplace, the place of residence, and from the committee and inspection commission when they suggest review points.",
  "home.step.ballot": "Secret ballot",
  "home.step.ballot.desc":
    "The branch votes by secret ballot on the proposed level; the counting committee records the tally minutes.",
  "home.step.classification": "Classification",
  "home.step.classification.desc":
    "Each member is placed at one of four levels: excellently completed, well completed, completed, or not completed duties.",
  "home.step.appraisal": "Appraisal",
  "home.step.appraisal.desc":
    "The base Party committee appraises the branches' proposals and decides the levels.",
  "home.step.rewards": "Rewards",
  "home.step.rewards.desc":
    "Eligible members and Party organisations are nominated for rewards.",
  "home.step.reports": "Reports",
  "home.step.reports.desc":
    "Results are compiled at each level and reported upwards.",
  "status.title": "System status",
  "status.recheck": "Check again",
  "status.checking": "Checking the system…",
  "status.ready": "The system is ready",
  "status.notReady": "The system is not ready",
  "status.unreachable": "Cannot reach the server",
  "status.unreachable.detail":
    "The server does not answer. Check the network connection or contact the administrator.",
  "status.database": "Database",
  "status.checkedAt": "Checked at",
  "status.autoRefresh": "Checked again automatically every 10 seconds.",
};

export const locales = ["vi", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "vi";

export const messages: Record<Locale, Record<MessageKey, string>> = { vi, en };
