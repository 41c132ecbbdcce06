import { Flex, Tag, Typography } from "antd";
import { useEffect } from "react";
import { useLocation } from "react-router";
import { useOrgT } from "@/features/org-classification/messages";
import { ruleAnchor, ruleIds, ruleText } from "@/lib/classification/labels";
import { useT } from "@/lib/i18n/use-t";

/**
 * Every rule a member's classification result may name (RULES.md), each at its own anchor: the
 * rule tags of the results link here. The rule the URL's hash names is highlighted and, once
 * the page above it has loaded (`ready`), scrolled into view.
 */
export function MemberRules({ ready }: { ready: boolean }) {
  const t = useT();
  const ot = useOrgT();
  const { hash } = useLocation();
  const target = decodeURIComponent(hash.replace(/^#/, ""));

  useEffect(() => {
    if (!ready || target === "") return;
    // jsdom and some old browsers have no scrollIntoView.
    document.getElementById(target)?.scrollIntoView?.({ block: "center", behavior: "smooth" });
  }, [ready, target]);

  return (
    <section aria-labelledby="member-rules-title" data-testid="member-rules">
      <Typography.Title level={4} id="member-rules-title">
        {ot("ruleSets.memberRules.title")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{ot("ruleSets.memberRules.intro")}</Typography.Paragraph>
      <Flex vertical gap={4} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {ruleIds.map((id) => {
          const anchor = ruleAnchor(id);
          const current = target === anchor;
          return (
            <li
              key={id}
              id={anchor}
              aria-current={current ? "true" : undefined}
              style={{
                display: "flex",
                gap: 8,
                alignItems: "baseline",
                padding: "6px 8px",
                borderRadius: 6,
                background: current ? "#fffbe6" : undefined,
                outline: current ? "1px solid #ffe58f" : undefined,
                scrollMarginTop: 80,
              }}
            >
              <Tag color={current ? "gold" : undefined} style={{ marginInlineEnd: 0 }}>
                {id}
              </Tag>
              <span>{ruleText(t, id)}</span>
            </li>
          );
        })}
      </Flex>
    </section>
  );
}
