"""Header snippets in every rendering the corpus has, for test_header.py.

Copied from ../shared/corpus (file named beside each); the Party and `pdftotext -layout`
snippets are written after DOMAIN.md §1.3-1.4, since the corpus holds none."""

# corpus/real/real_004 (web copy: `|` cells, `-------` rules, wrapped date and title)
WEB_KH = """|
**ỦY BAN NHÂN DÂN**
THÀNH PHỐ HÀ NỘI
-------
|
**CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 308/KH-UBND
|
*Hà Nội, ngày 17
tháng 11 năm 2025*
|

** **

**KẾ HOẠCH**

TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 214/NQ-CP NGÀY 23/7/2025
CỦA CHÍNH PHỦ BAN HÀNH KẾ HOẠCH HÀNH ĐỘNG CỦA CHÍNH PHỦ VỀ THÚC ĐẨY TẠO LẬP DỮ
LIỆU PHỤC VỤ CHUYỂN ĐỔI SỐ TOÀN DIỆN

Thực hiện Nghị quyết số
214/NQ-CP ngày 23/7/2025 của Chính phủ, cụ thể như sau:

**I. MỤC ĐÍCH,
YÊU CẦU**

Trong quá trình thực hiện Kế hoạch, nếu có khó khăn đề nghị phản ánh./.


|
Nơi nhận:
- Bộ Công An;
- Thường trực Thành ủy;
- Lưu: VT, ĐMPT.
|
**TM. ỦY BAN NHÂN
DÂN**
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trương Việt Dũng
|
"""

# corpus/real/real_024 (web copy of a công văn: parent body line, V/v, bold name)
WEB_CV = """|
CỤC THUẾ
**THUẾ TỈNH VĨNH LONG**
-------
|
**CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 1539/VLO-QLDN3
*V/v trả lãi tiền vay cho cổ đông*
|
*Vĩnh Long, ngày
02 tháng 12 năm 2025*
|


Ngày 18/11/2025, Thuế tỉnh Vĩnh
Long có nhận được Công văn số 144/2025/CV-BSGBTr ngày 17/11/2025.

Thuế tỉnh Vĩnh Long thông báo để biết và thực hiện./.

* *

|
Nơi nhận:
- Như trên;
- Phòng NVDTPC (để biết);
- Lưu: VT, QLDN3. H(4)
|
**KT. TRƯỞNG THUẾ
TỈNH**
PHÓ TRƯỞNG THUẾ TỈNH
**Huỳnh Minh Giám**
|
"""

# corpus/real/real_023 (stacked "KT. BỘ TRƯỞNG, CHỦ NHIỆM")
WEB_TB = """|
**VĂN PHÒNG CHÍNH
PHỦ**
-------
|
**CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 623/TB-VPCP
|
*Hà Nội, ngày 15
tháng 11 năm 2025*
|


**THÔNG BÁO**

KẾT
LUẬN CỦA PHÓ THỦ TƯỚNG CHÍNH PHỦ MAI VĂN CHÍNH TẠI BUỔI LÀM VIỆC VỚI LÃNH ĐẠO TỈNH
ĐẮK LẮK

Chiều ngày 09 tháng 11 năm 2025, tại trụ sở Ủy ban nhân dân tỉnh Đắk Lắk.

|
Nơi nhận:
- TTgCP, các PTTgCP (để b/c);
- VPCP: BTCN, các PCN, Cổng TTĐTCP,
Thư ký của PTTgCP Mai Văn Chính;
- Lưu: VT, QHĐP (2b)Q.Cường.
|
**KT. BỘ TRƯỞNG,
CHỦ NHIỆM**
PHÓ CHỦ NHIỆM
Trịnh Mạnh Linh
|
"""

# meta-dev vbpl:doc_000025 (plain text, a Luật: "Luật số:", no Nơi nhận, "(Đã ký)")
PLAIN_LUAT = """QUỐC HỘI

--------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM

Độc lập - Tự do - Hạnh phúc

---------------

Luật số: 108/2025/QH15

Hà Nội, ngày 10 tháng 12 năm 2025

LUẬT

QUẢN LÝ THUẾ

Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam đã được sửa đổi;

Chương I

QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh

Luật này được Quốc hội thông qua ngày 10 tháng 12 năm 2025.

CHỦ TỊCH QUỐC HỘI

(Đã ký)

Trần Thanh Mẫn"""

# meta-dev vbpl:doc_000004 (plain text, NĐ, title over two lines with a blank between)
PLAIN_ND = """CHÍNH PHỦ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM

Độc lập - Tự do - Hạnh phúc

Số: 43/2026/NĐ-CP

Hà Nội, ngày 26 tháng 01 năm 2026

NGHỊ ĐỊNH

Sửa đổi, bổ sung một số điều của các nghị định

trong lĩnh vực bảo tồn thiên nhiên và đa dạng sinh học

Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;

Điều 1. Sửa đổi, bổ sung Điều 8 như sau:

TM. CHÍNH PHỦ

KT. THỦ TƯỚNG

PHÓ THỦ TƯỚNG

(Đã ký)

Trần Hồng Hà"""

# corpus/real/real_030 (pdftotext raw: gazette page header, columns one after the other)
PDF_RAW = """CÔNG BÁO/Số 272/Ngày 14-05-2026 
3
 
 
CHÍNH PHỦ 
__________ 
 
Số: 141/2026/NĐ-CP  
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM 
Độc lập - Tự do - Hạnh phúc 
______________________________________ 
Hà Nội, ngày 29 tháng 4 năm 2026 
 
NGHỊ ĐỊNH 
Sửa đổi, bổ sung một số điều của Nghị định số 68/2026/NĐ-CP quy định 
về chính sách thuế đối với hộ kinh doanh, cá nhân kinh doanh 
 
Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15; 
Điều 5. Trách nhiệm thi hành 
Các Bộ trưởng chịu trách nhiệm thi hành Nghị định này./. 
 
TM. CHÍNH PHỦ 
KT. THỦ TƯỚNG 
PHÓ THỦ TƯỚNG 
 
Nguyễn Văn Thắng"""

# corpus/seeds/003 (draft: blank number and day, no issuer lines, issuer from the closing)
DRAFT = """

Số: /TB-UBND

Bạch Thông, ngày tháng 8 năm 2024

THÔNG BÁO

Kết quả kiểm tra tình hình thực hiện Chương trình MTQG phát triển KT-XH vùng đồng bào DTTS&MN 6 tháng đầu năm 2024

Thực hiện Kế hoạch số 206/KH-UBND ngày 04/7/2024 của UBND huyện.

1. Công tác chỉ đạo

Trên đây là Thông báo kết quả kiểm tra, UBND huyện thông báo tới các cơ quan, đơn vị biết, tổ chức triển khai thực hiện./.

Nơi nhận:

- TT Huyện ủy (b/c);
- CT, PCT UBND huyện;
- Lưu VT, THDT.

**TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG**

Nguyễn Thành Trung"""

# DOMAIN.md §1.3: a Party resolution (no Quốc hiệu, "Số 58-NQ/TU", T/M)
PARTY = """ĐẢNG BỘ TỈNH LẠNG SƠN
TỈNH ỦY
*
Số 58-NQ/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Lạng Sơn, ngày 29 tháng 11 năm 2021

NGHỊ QUYẾT
về phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số

Căn cứ Điều lệ Đảng;

Nơi nhận:
- Ban Bí thư Trung ương (b/c);
- Lưu Văn phòng Tỉnh ủy.

T/M BAN THƯỜNG VỤ
BÍ THƯ
Nguyễn Quốc Đoàn"""

# DOMAIN.md §1.4: pdftotext -layout (columns on one line; Nơi nhận amid the signature)
PDF_LAYOUT = """UBND TỈNH LẠNG SƠN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ TÀI CHÍNH                             Độc lập - Tự do - Hạnh phúc

Số: 1234/STC-QLNS                    Lạng Sơn, ngày 05 tháng 3 năm 2024
V/v phân bổ vốn sự nghiệp

Kính gửi: Ủy ban nhân dân các huyện, thành phố.

Sở Tài chính đề nghị các đơn vị thực hiện./.

                                          KT. GIÁM ĐỐC
Nơi nhận:                                 PHÓ GIÁM ĐỐC
- Như trên;
- Lưu: VT, QLNS.

                                          Hoàng Văn Nam"""

# the web copy's merged signature (DOMAIN.md §1.4)
MERGED_SIGNATURE = """CHÍNH PHỦ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 27/2022/NĐ-CP

Hà Nội, ngày 19 tháng 4 năm 2022

NGHỊ ĐỊNH

Quy định cơ chế quản lý, tổ chức thực hiện các chương trình mục tiêu quốc gia

Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;

Điều 1. Phạm vi điều chỉnh

TM. CHÍNH PHỦ THỦ TƯỚNG (Đã ký) Phạm Minh Chính"""

# corpus/seeds/000 (news article: no header)
NEWS = """Công tác quản lý, chỉ đạo, điều hành Chương trình MTQG 1719 tại Lạng Sơn

Thứ bảy, 04/11/2023 22:05

(Mic.gov.vn) - Theo báo cáo đánh giá giữa kỳ thực hiện Chương trình, Quyết định số 499/QĐ-UBND ngày 23/3/2022 của UBND tỉnh.
"""
