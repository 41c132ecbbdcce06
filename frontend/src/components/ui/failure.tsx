import { CloseCircleFilled } from "@ant-design/icons";
import { Flex, theme } from "antd";
import type { ReactNode } from "react";

type Props = {
  title: string;
  subTitle: string;
  /** The way out (a button). */
  extra: ReactNode;
  "data-testid"?: string;
};

/**
 * A failure in place of a page, looking like antd's `<Result status="error">` without its module
 * (which brings its large 403, 404 and 500 illustrations into the first load). Part of the first
 * load on purpose: it is shown when a page's chunk cannot be loaded.
 */
export function Failure({ title, subTitle, extra, "data-testid": testId }: Props) {
  const { token } = theme.useToken();
  return (
    <Flex
      vertical
      align="center"
      gap={token.marginXS}
      data-testid={testId}
      style={{ padding: `${token.paddingXL * 1.5}px ${token.paddingLG}px`, textAlign: "center" }}
    >
      <CloseCircleFilled
        style={{ color: token.colorError, fontSize: 72, marginBottom: token.marginLG }}
      />
      <h2 style={{ color: token.colorTextHeading, fontSize: token.fontSizeHeading3, margin: 0 }}>
        {title}
      </h2>
      <p style={{ color: token.colorTextDescription, fontSize: token.fontSize, margin: 0 }}>
        {subTitle}
      </p>
      <div style={{ marginTop: token.marginLG }}>{extra}</div>
    </Flex>
  );
}
