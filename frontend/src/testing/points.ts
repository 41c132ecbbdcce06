import type { GroupInfo, PointsInfo } from "@/lib/classification/points";

// The data of the built-in points rule set tw-366-2025 (RULES-2025.md), as the API sends it:
// every points value in tenths.

function group(code: "general" | "tasks", items: [string, string, number][]): GroupInfo {
  return {
    code,
    label: code === "general" ? "Tiêu chí chung" : "Kết quả thực hiện nhiệm vụ",
    max: code === "general" ? 300 : 700,
    items: items.map(([itemCode, label, max]) => ({ code: itemCode, label, max })),
  };
}

const personGeneral = group("general", [
  ["politics", "Tư tưởng chính trị", 60],
  ["ethics", "Phẩm chất đạo đức, lối sống", 60],
  ["discipline", "Ý thức tổ chức kỷ luật", 60],
  ["example", "Tác phong, lề lối làm việc; trách nhiệm nêu gương", 60],
  ["self_criticism", "Tự phê bình, phê bình; khắc phục hạn chế, khuyết điểm đã được chỉ ra", 60],
]);
const leadersTasks = group("tasks", [
  ["duties", "Kết quả thực hiện chức trách, nhiệm vụ được giao", 300],
  ["units", "Kết quả hoạt động của cơ quan, đơn vị, lĩnh vực được giao lãnh đạo, quản lý", 200],
  ["leadership", "Năng lực lãnh đạo, quản lý; đoàn kết, quy tụ", 100],
  ["innovation", "Đổi mới, sáng tạo, chuyển đổi số", 100],
]);
const persons = ["F2", "F3", "F4", "F5"];
const leaders = ["F2", "F3"];

export function pointsInfo(changes: Partial<PointsInfo> = {}): PointsInfo {
  return {
    frames: [
      {
        frame: "F1",
        who: "Tập thể: tổ chức đảng, cơ quan, đơn vị, tập thể lãnh đạo",
        form: "Mẫu 01",
        groups: [
          group("general", [
            ["party_building", "Xây dựng Đảng về chính trị, tư tưởng, đạo đức, tổ chức, cán bộ", 50],
            ["capacity", "Năng lực lãnh đạo của cấp ủy; đoàn kết nội bộ", 50],
            ["inspection", "Kiểm tra, giám sát, kỷ luật đảng", 50],
            ["democratic_centralism", "Tập trung dân chủ, quy chế làm việc", 50],
            ["political_task", "Lãnh đạo nhiệm vụ chính trị, đổi mới, chuyển đổi số", 50],
            ["self_criticism", "Tự phê bình, phê bình; khắc phục hạn chế, khuyết điểm", 50],
          ]),
          group("tasks", [
            ["plan", "Cụ thể hóa kế hoạch thành sản phẩm; tiến độ, chất lượng", 400],
            ["subordinates", "Kết quả xếp loại các lĩnh vực, đơn vị phụ trách", 300],
          ]),
        ],
      },
      {
        frame: "F2",
        who: "Cán bộ lãnh đạo, quản lý thuộc diện Trung ương, Bộ Chính trị, Ban Bí thư quản lý",
        form: "Mẫu 2A",
        groups: [personGeneral, leadersTasks],
      },
      {
        frame: "F3",
        who: "Cán bộ lãnh đạo, quản lý khác (bí thư, trưởng, phó các cấp)",
        form: "Mẫu 2A",
        groups: [personGeneral, leadersTasks],
      },
      {
        frame: "F4",
        who: "Cán bộ, công chức, viên chức không giữ chức vụ lãnh đạo, quản lý",
        form: "Mẫu 2B",
        groups: [
          personGeneral,
          group("tasks", [
            ["duties", "Kết quả thực hiện nhiệm vụ theo kế hoạch, chức trách", 400],
            ["quality", "Chất lượng, tiến độ thực hiện", 200],
            ["innovation", "Đổi mới, sáng tạo, chuyển đổi số", 100],
          ]),
        ],
      },
      {
        frame: "F5",
        who: "Đảng viên không làm việc trong hệ thống chính trị",
        form: "Mẫu 2C",
        groups: [
          personGeneral,
          group("tasks", [
            ["party_tasks", "Thực hiện nhiệm vụ đảng viên, nhiệm vụ chi bộ phân công", 400],
            ["residence", "Thực hiện nghĩa vụ công dân và quy định nơi cư trú", 200],
            ["mass_work", "Tham gia công tác quần chúng, đoàn thể", 100],
          ]),
        ],
      },
    ],
    band_excellent: 900,
    band_good: 700,
    band_completed: 500,
    excellent_exceeded_percent: 30,
    completed_behind_percent: 20,
    failed_percent: 50,
    facts: [
      {
        code: "degradation",
        label: 'Suy thoái về tư tưởng chính trị, đạo đức, lối sống, "tự diễn biến", "tự chuyển hóa"',
        frames: persons,
        effect: "not_completed",
      },
      {
        code: "duty_discipline",
        label: "Bị kỷ luật từ khiển trách trở lên trong năm do vi phạm khi thực thi công vụ",
        frames: persons,
        effect: "not_completed",
      },
      {
        code: "forbidden_conduct",
        label: "Vi phạm những điều đảng viên không được làm, trách nhiệm nêu gương",
        frames: persons,
        effect: "not_completed",
      },
      {
        code: "half_tasks_failed",
        label: "Không hoàn thành quá 50% nhiệm vụ được giao",
        frames: ["F1", ...persons],
        effect: "not_completed",
      },
      {
        code: "units_under_70",
        label: "Đơn vị trực tiếp phụ trách hoàn thành dưới 70% chỉ tiêu, nhiệm vụ",
        frames: ["F1", ...leaders],
        effect: "not_completed",
      },
      {
        code: "low_confidence",
        label: "Quá 50% phiếu tín nhiệm thấp khi lấy phiếu trong năm",
        frames: leaders,
        effect: "not_completed",
      },
      {
        code: "subordinate_disciplined",
        label: "Có đơn vị trực thuộc hoặc thành viên tập thể lãnh đạo bị kỷ luật trong năm",
        frames: ["F1"],
        effect: "blocks_excellent",
      },
    ],
    quota_percent: 20,
    quota_outstanding_percent: 25,
    quota_basis: "good",
    quota_scope: "quota_group",
    quarter_rule: "evidence_only",
    long_absence_cap: false,
    branch_vote: false,
    new_member_months: 6,
    ...changes,
  };
}
