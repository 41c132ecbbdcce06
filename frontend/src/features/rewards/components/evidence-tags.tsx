import { Flex, Tag } from "antd";
import type { YearLevel } from "@/features/rewards/api/rewards";
import { yearLevelColor, yearLevelText } from "@/features/rewards/components/labels";
import { useRewardsT } from "@/features/rewards/messages";

/** The five years of W1, oldest first, each coloured by its level: the evidence of a streak. */
export function EvidenceTags({ years }: { years: YearLevel[] }) {
  const rt = useRewardsT();
  return (
    <Flex gap={4} wrap data-testid="evidence">
      {years.map((year) => (
        <Tag key={year.year} color={yearLevelColor(year)} style={{ marginInlineEnd: 0 }}>
          {year.year}: {yearLevelText(rt, year)}
        </Tag>
      ))}
    </Flex>
  );
}
