export const metadata = { title: "qingwen in a Next.js app" };

export default function RootLayout({ children }) {
    return (
        <html lang="zh-Hans">
            <body>{children}</body>
        </html>
    );
}
