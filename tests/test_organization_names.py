"""Where an organisation's name ends: at a name ending, before another body's head, at
a person or a signature after it, never at the first lower-case word."""
from __future__ import annotations

import pytest

from pipeline.grammar import body_grammar, organizations as orgs
from pipeline.normalize import normalize


@pytest.mark.parametrize("text, endpos, expected", [
    # another body's head after a name ends it
    ("Cục Hàng không Việt Nam - Bộ Xây dựng", None, "Cục Hàng không Việt Nam"),
    ("Cục Hàng không Việt Nam -\nBộ Xây dựng", None, "Cục Hàng không Việt Nam"),
    ("Cục Kiểm soát TTHC - VPCP", None, "Cục Kiểm soát TTHC"),
    ("Phòng Giáo dục Thường xuyên -\nNghề nghiệp và Đại học", None, "Phòng Giáo dục Thường xuyên -\nNghề nghiệp"),
    ("PHÒNG CHÍNH\nPHỦ", None, None),
    # no head in the name: the name reads on
    ("Cục Hải quan trả lời", None, "Cục Hải quan trả lời"),
    ("Trung tâm Phục vụ hành chính công tỉnh", None, "Trung tâm Phục vụ hành chính công tỉnh"),
    # the head beyond where the match may end is not read
    ("Cục Hàng không Việt Nam - Bộ Xây dựng", 23, "Cục Hàng không Việt Nam"),
    ("Cục Hàng không Việt Nam - Bộ Xây dựng", 28, "Cục Hàng không Việt Nam"),
])
def test_a_head_after_a_name_ends_it(text, endpos, expected):
    m = body_grammar.grammar().pattern.match(text, 0, endpos)
    assert (m and m.group()) == expected


def described(text: str) -> list[tuple]:
    return [(o.text, o.canonical, o.level, o.place, o.role) for o in orgs.organizations(normalize(text).text)]


@pytest.mark.parametrize("sentence, expected", [
    # names end where the name ends, not at the first lower-case word
    ("Cục trưởng Cục Viễn thám quốc gia báo cáo",
     [("Cục Viễn thám quốc gia", "Cục Viễn thám quốc gia", "central", None, None)]),
    ("trình thực hiện TTHC tại Trung tâm Phục vụ hành chính công tỉnh, trên Cổng",
     [("Trung tâm Phục vụ hành chính công tỉnh", "Trung tâm Phục vụ hành chính công", "province", None, None)]),
    ("báo cáo kết quả về Cục Cảnh\nsát Quản lý hành chính về trật tự xã hội\n",
     [("Cục Cảnh sát Quản lý hành chính về trật tự xã hội",
       "Cục Cảnh sát Quản lý hành chính về trật tự xã hội", "central", None, None)]),
    ("Cục Hải quan trả lời để Công ty biết",
     [("Cục Hải quan", "Cục Hải quan", "central", None, None)]),
    ("nộp hồ sơ cho Cục Hạ tầng và Thiết bị y tế - Bộ Y tế thông qua",
     [("Cục Hạ tầng và Thiết bị y tế", "Cục Hạ tầng và Thiết bị y tế", "central", None, None),
      ("Bộ Y tế", "Bộ Y tế", "central", None, None)]),
    ("Ban Văn hóa - Xã hội Hội\nđồng nhân dân tỉnh Lạng Sơn",
     [("Ban Văn hóa - Xã hội", "Ban Văn hóa - Xã hội", None, None, None),
      ("Hội đồng nhân dân tỉnh Lạng Sơn", "Hội đồng nhân dân tỉnh Lạng Sơn", "province", "tỉnh Lạng Sơn", None)]),
    # a listed unit name keeps its commas, stop words and every word (real meta-dev lines)
    ("Theo đề nghị của Cục trưởng Cục Quản lý, giám sát chính sách thuế, phí và lệ phí;",
     [("Cục Quản lý, giám sát chính sách thuế, phí và lệ phí",
       "Cục Quản lý, giám sát chính sách thuế, phí và lệ phí", "central", None, None)]),
    ("Cục trưởng Cục Chất lượng, Chế biến và Phát triển thị trường, Giám đốc Sở",
     [("Cục Chất lượng, Chế biến và Phát triển thị trường",
       "Cục Chất lượng, Chế biến và Phát triển thị trường", "central", None, None)]),
    ("Theo đề nghị của Cục trưởng Cục Chuyển đổi số quốc gia;",
     [("Cục Chuyển đổi số quốc gia", "Cục Chuyển đổi số quốc gia", "central", None, None)]),
    ("- Cục Kiểm tra văn bản và Tổ chức thi hành pháp luật (Bộ Tư pháp);",
     [("Cục Kiểm tra văn bản và Tổ chức thi hành pháp luật",
       "Cục Kiểm tra văn bản và Tổ chức thi hành pháp luật", "central", None, None),
      ("Bộ Tư pháp", "Bộ Tư pháp", "central", None, None)]),
    ("- Cục kiểm tra văn bản và Quản lý xử lý vi phạm hành chính, Bộ Tư pháp;",
     [("Cục kiểm tra văn bản và Quản lý xử lý vi phạm hành chính",
       "Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính", "central", None, None),
      ("Bộ Tư pháp", "Bộ Tư pháp", "central", None, None)]),
    ("Báo Thế giới và Việt Nam, Cục Phục vụ Ngoại giao đoàn, Trung tâm",
     [("Cục Phục vụ Ngoại giao đoàn", "Cục Phục vụ Ngoại giao đoàn", "central", None, None)]),
    ("Cục Người có công, Cục Cảnh sát giao thông, Cục Xuất nhập khẩu;",
     [("Cục Người có công", "Cục Người có công", "central", None, None),
      ("Cục Cảnh sát giao thông", "Cục Cảnh sát giao thông", "central", None, None),
      ("Cục Xuất nhập khẩu", "Cục Xuất nhập khẩu", "central", None, None)]),
    ("Phòng Nội chính; Cục Trinh sát; Trung tâm Lao động ngoài nước, Quỹ",
     [("Phòng Nội chính", "Phòng Nội chính", "district", None, None),
      ("Cục Trinh sát", "Cục Trinh sát", "central", None, None),
      ("Trung tâm Lao động ngoài nước", "Trung tâm Lao động ngoài nước", None, None, None)]),
    ("được Cục An toàn bức xạ và hạt nhân thẩm định.",
     [("Cục An toàn bức xạ và hạt nhân", "Cục An toàn bức xạ và hạt nhân", "central", None, None)]),
    # a web copy wraps each line as a paragraph; a name the text shortens ends at its ending
    ("- Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành\n\nchính (Bộ Tư pháp);\n\n"
     "- Cục Kiểm tra văn bản và Quản lý xử lý vi phạm (Bộ Tư pháp);",
     [("Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính",
       "Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính", "central", None, None),
      ("Bộ Tư pháp", "Bộ Tư pháp", "central", None, None),
      ("Cục Kiểm tra văn bản và Quản lý xử lý vi phạm",
       "Cục Kiểm tra văn bản và Quản lý xử lý vi phạm", "central", None, None)]),
    ("CỤC HÀNG HẢI VÀ ĐƯỜNG THỦY VIỆT NAM\n\nVIETNAM MARITIME AND WATERWAY ADMINISTRATION",
     [("CỤC HÀNG HẢI VÀ ĐƯỜNG THỦY VIỆT NAM", "Cục Hàng hải và Đường thủy Việt Nam", "central", None, None)]),
    # an abbreviated name of several words, or a list of them closed by "và"
    ("- Trung tâm PV HCC tỉnh;\n- Trung tâm TT, DL và CNS Thành phố;\n- Cục KTVB và QLXL VPHC - Bộ Tư pháp;",
     [("Trung tâm PV HCC tỉnh", "Trung tâm PV HCC", "province", None, None),
      ("Trung tâm TT, DL và CNS Thành phố", "Trung tâm TT, DL và CNS", "province", None, None),
      ("Cục KTVB và QLXL VPHC", "Cục KTVB và QLXL VPHC", "central", None, None),
      ("Bộ Tư pháp", "Bộ Tư pháp", "central", None, None)]),
    ("Phòng TC, KH và UBND huyện; VP BCĐ TW về phòng, chống tham nhũng",
     [("Phòng TC", "Phòng Tài chính", "district", None, None),
      ("UBND huyện", "Ủy ban nhân dân", "district", None, None),
      ("VP BCĐ TW", "Văn phòng Ban Chỉ đạo Trung ương", "central", None, None)]),
    # never a person or a signature line
    ("Bộ trưởng Bộ Xây dựng Trần Hồng Minh ký ban hành",
     [("Bộ Xây dựng", "Bộ Xây dựng", "central", None, None)]),
    # the signer's board is read whole, without the title before it or the line after it
    ("**TL. CỤC TRƯỞNG**\nKT. TRƯỞNG BAN BAN CHÍNH SÁCH, THUẾ QUỐC TẾ\nPHÓ TRƯỞNG BAN",
     [("BAN CHÍNH SÁCH, THUẾ QUỐC TẾ", "Ban Chính sách, Thuế quốc tế", None, None, None)]),
    ("THẨM QUYỀN GIẢI QUYẾT CỦA UBND TỈNH VÀ SỞ CÔNG THƯƠNG TỈNH QUẢNG TRỊ",
     [("UBND TỈNH", "Ủy ban nhân dân tỉnh Quảng Trị", "province", "tỉnh Quảng Trị", None),
      ("SỞ CÔNG THƯƠNG TỈNH QUẢNG TRỊ", "Sở Công Thương tỉnh Quảng Trị", "province", "tỉnh Quảng Trị", None)]),
    ("NỘI DUNG THỰC HIỆN CỦA UBND CẤP XÃ THỰC HIỆN", []),
    ("Chủ tịch UBND xã, phường và các cơ quan", []),
    ("BỘ TÀI CHÍNH\n**CỤC THUẾ**\n-------",
     [("BỘ TÀI CHÍNH", "Bộ Tài chính", "central", None, None), ("CỤC THUẾ", "Cục Thuế", "central", None, None)]),
    ("**ỦY BAN NHÂN DÂN**\nTHÀNH PHỐ HÀ NỘI\n-------",
     [("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Ủy ban nhân dân thành phố Hà Nội", "province", "thành phố Hà Nội", None)]),
    # bodies outside Bộ / Sở / Cục / Ban
    ("Tòa án nhân dân tối cao; Tòa án nhân dân tỉnh Lạng Sơn; Viện kiểm sát nhân dân huyện Cao Lộc",
     [("Tòa án nhân dân tối cao", "Tòa án nhân dân tối cao", "central", None, None),
      ("Tòa án nhân dân tỉnh Lạng Sơn", "Tòa án nhân dân tỉnh Lạng Sơn", "province", "tỉnh Lạng Sơn", None),
      ("Viện kiểm sát nhân dân huyện Cao Lộc", "Viện kiểm sát nhân dân huyện Cao Lộc", "district",
       "huyện Cao Lộc", None)]),
    ("phối hợp với Bộ Chỉ huy Quân sự tỉnh Lạng Sơn, Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lạng Sơn",
     [("Bộ Chỉ huy Quân sự tỉnh Lạng Sơn", "Bộ Chỉ huy Quân sự tỉnh Lạng Sơn", "province", "tỉnh Lạng Sơn", None),
      ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lạng Sơn", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lạng Sơn", "province",
       "tỉnh Lạng Sơn", None)]),
    ("Ngân hàng Nhà nước, Kho bạc Nhà nước, Thanh tra Chính phủ và Kiểm toán Nhà nước",
     [("Ngân hàng Nhà nước", "Ngân hàng Nhà nước Việt Nam", "central", None, None),
      ("Kho bạc Nhà nước", "Kho bạc Nhà nước", "central", None, None),
      ("Thanh tra Chính phủ", "Thanh tra Chính phủ", "central", None, None),
      ("Kiểm toán Nhà nước", "Kiểm toán Nhà nước", "central", None, None)]),
    ("đăng trên Báo Nhân dân, Đài Truyền hình Việt Nam, Thông tấn xã Việt Nam",
     [("Báo Nhân dân", "Báo Nhân dân", "central", None, None),
      ("Đài Truyền hình Việt Nam", "Đài Truyền hình Việt Nam", "central", None, None),
      ("Thông tấn xã Việt Nam", "Thông tấn xã Việt Nam", "central", None, None)]),
    # the national press, named by a sector or a title (meta-dev tnt:875c), beside a
    # province's Báo, named by its place
    ("- Báo Xây dựng, Tạp chí Xây dựng;\n- Báo Lạng Sơn;",
     [("Báo Xây dựng", "Báo Xây dựng", "central", None, None),
      ("Tạp chí Xây dựng", "Tạp chí Xây dựng", "central", None, None),
      ("Báo Lạng Sơn", "Báo tỉnh Lạng Sơn", "province", "tỉnh Lạng Sơn", None)]),
    ("Tập đoàn Điện lực Việt Nam, Tổng công ty Bưu điện Việt Nam và Công ty TNHH Minh Phát",
     [("Tập đoàn Điện lực Việt Nam", "Tập đoàn Điện lực Việt Nam", None, None, None),
      ("Tổng công ty Bưu điện Việt Nam", "Tổng công ty Bưu điện Việt Nam", None, None, None),
      ("Công ty TNHH Minh Phát", "Công ty trách nhiệm hữu hạn Minh Phát", None, None, None)]),
    # meta-dev tnt:e0b9 and tnt:875c: a word typed twice is read over, and named once
    ("Cục Hải quan thông báo để Công ty TNHH TNHH Sunny\nAutomotive Vina biết và thực hiện./.",
     [("Cục Hải quan", "Cục Hải quan", "central", None, None),
      ("Công ty TNHH Sunny Automotive Vina", "Công ty trách nhiệm hữu hạn Sunny Automotive Vina", None, None, None)]),
    ("- Cục KTVB và và QLXLVPHC (Bộ Tư pháp);",
     [("Cục KTVB và QLXLVPHC", "Cục KTVB và QLXLVPHC", "central", None, None),
      ("Bộ Tư pháp", "Bộ Tư pháp", "central", None, None)]),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn, Đoàn TNCS Hồ Chí Minh tỉnh Lạng Sơn",
     [("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn",
       "province", "tỉnh Lạng Sơn", None),
      ("Đoàn TNCS Hồ Chí Minh tỉnh Lạng Sơn", "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Lạng Sơn",
       "province", "tỉnh Lạng Sơn", None)]),
    ("Hội Nông dân tỉnh Lạng Sơn và Liên minh Hợp tác xã Việt Nam",
     [("Hội Nông dân tỉnh Lạng Sơn", "Hội Nông dân Việt Nam tỉnh Lạng Sơn", "province", "tỉnh Lạng Sơn", None),
      ("Liên minh Hợp tác xã Việt Nam", "Liên minh Hợp tác xã Việt Nam", None, None, None)]),
    ("Trường Đại học Lao động - Xã hội và Bệnh viện Bạch Mai",
     [("Trường Đại học Lao động - Xã hội", "Trường Đại học Lao động - Xã hội", None, None, None),
      ("Bệnh viện Bạch Mai", "Bệnh viện Bạch Mai", None, None, None)]),
    # abbreviated departments spelled out
    ("Giám đốc Sở TC, Sở YT, Sở GD&ĐT, Sở VH,TT&DL",
     [("Sở TC", "Sở Tài chính", "province", None, None), ("Sở YT", "Sở Y tế", "province", None, None),
      ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo", "province", None, None),
      ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch", "province", None, None)]),
    ("- TT Phục vụ hành chính công tỉnh;\n- TT Phú Thông",
     [("TT Phục vụ hành chính công tỉnh", "Trung tâm Phục vụ hành chính công", "province", None, None)]),
    # recipients
    ("**Kính gửi:** Thuế\nthành phố Hồ Chí Minh\nCục Thuế nhận được công văn",
     [("Thuế thành phố Hồ Chí Minh", "Thuế thành phố Hồ Chí Minh", "province", "thành phố Hồ Chí Minh",
       "recipient"),
      ("Cục Thuế", "Cục Thuế", "central", None, None)]),
    ("Nơi nhận:\n- Như Điều 4;\n- Cục KSTTHC (VPCP);\n- Đài THVN, TTXVN;\n- Lưu: VT.\n|\n**KT. CHỦ TỊCH**\n"
     "Sở Tài chính báo cáo",
     [("Cục KSTTHC", "Cục KSTTHC", "central", None, "recipient"),
      ("VPCP", "Văn phòng Chính phủ", "central", None, "recipient"),
      ("Đài THVN", "Đài Truyền hình Việt Nam", "central", None, "recipient"),
      ("TTXVN", "Thông tấn xã Việt Nam", "central", None, "recipient"),
      ("Sở Tài chính", "Sở Tài chính", "province", None, None)]),
    ("Kính gửi:\n- Sở Tài chính;\n- Tòa án nhân dân tỉnh Lạng Sơn.\n\nSở Y tế đề nghị",
     [("Sở Tài chính", "Sở Tài chính tỉnh Lạng Sơn", "province", "tỉnh Lạng Sơn", "recipient"),
      ("Tòa án nhân dân tỉnh Lạng Sơn", "Tòa án nhân dân tỉnh Lạng Sơn", "province", "tỉnh Lạng Sơn",
       "recipient"),
      ("Sở Y tế", "Sở Y tế tỉnh Lạng Sơn", "province", "tỉnh Lạng Sơn", None)]),
    # a list mark alone on its line marks the item under it (meta-dev tnt:a16f8b41d34cc524)
    ("*Nơi nhận:*\n-\nNhư Điều 5;\n- Vụ Pháp chế - Bộ Tài chính;\n- Sở Tư pháp;\n- Lưu: VT.",
     [("Vụ Pháp chế", "Vụ Pháp chế", "central", None, "recipient"),
      ("Bộ Tài chính", "Bộ Tài chính", "central", None, "recipient"),
      ("Sở Tư pháp", "Sở Tư pháp", "province", None, "recipient")]),
])
def test_names_end_where_the_name_ends(sentence, expected):
    assert described(sentence) == expected


def names(text: str) -> list[str]:
    return [o.name for o in orgs.organizations(normalize(text).text)]


@pytest.mark.parametrize("sentence, expected", [
    # a name does not end inside its first word (meta-dev vbpl:doc_000151, 000018)
    ("Giám đốc Trung tâm Tiếp nhận hồ sơ, báo cáo", ["Trung tâm Tiếp nhận"]),
    ("Trung tâm Cung cấp dịch vụ công trực tuyến chịu trách nhiệm", ["Trung tâm Cung cấp dịch vụ"]),
    ("Bệnh viện Y học cổ truyền tổ chức", ["Bệnh viện Y học cổ truyền"]),
    ("Cục Thuế nhận được công văn", ["Cục Thuế"]),
    # "và" joins a lower-case ending to words that end no name (vbpl:doc_000171, 000328)
    ("6. Cục Trang bị và kho vận xây dựng kế hoạch", ["Cục Trang bị và kho vận"]),
    ("Công ty trách nhiệm hữu hạn một thành viên Vận hành hệ thống điện và thị trường điện Quốc gia",
     ["Công ty trách nhiệm hữu hạn một thành viên Vận hành hệ thống điện và thị trường điện Quốc gia"]),
    ("hồ sơ của Trung tâm Phục vụ hành chính công và công chức\nchuyên môn",
     ["Trung tâm Phục vụ hành chính công"]),
    # a stop that ends a name ending is a word of the name (vbpl:doc_000319)
    ("Cục Công nghệ thông tin và Chuyển đổi số, Cục Dân số", ["Cục Công nghệ thông tin và Chuyển đổi số",
                                                              "Cục Dân số"]),
    ("Cục Truyền thông Công an nhân dân tổ chức tuyên truyền", ["Cục Truyền thông Công an nhân dân"]),
    # a family name without a given name after it is a place's word (tnt:416e, vbpl:doc_000094)
    ("của Công ty TNHH Điện lực Jaks Hải Dương về chính sách", ["Công ty TNHH Điện lực Jaks Hải Dương"]),
    ("phối hợp với Cục Đào tạo, Cục Đối ngoại", ["Cục Đào tạo", "Cục Đối ngoại"]),
    ("Cục trưởng Cục Đăng kiểm Việt Nam Nguyễn Văn A", ["Cục Đăng kiểm Việt Nam"]),
    # a board named after its zone, capitalised (vbpl:doc_000407); a kind of board is none
    ("Ban Quản lý Khu công nghệ cao;", ["Ban Quản lý Khu công nghệ cao"]),
    ("BQL Khu kinh tế tỉnh báo cáo", ["BQL Khu kinh tế tỉnh"]),
    # listed unit names with commas (vbpl:doc_000087, 000151)
    ("(qua Cục Quản lý, giám sát tổ chức tín dụng)", ["Cục Quản lý, giám sát tổ chức tín dụng"]),
    ("Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ gồm", [
        "Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ"]),
    # what a body does, after its name, is no word of it (vbpl:doc_000058, 000080)
    ("Cục Kế hoạch - Tài chính kiểm tra việc thực hiện", ["Cục Kế hoạch - Tài chính"]),
    ("3. Cục Hóa chất thẩm định, phê duyệt Kế hoạch", ["Cục Hóa chất"]),
    ("Chi cục Hải quan\ngiám sát hàng hóa", ["Chi cục Hải quan"]),
    ("Cục Kiểm tra văn bản QPPL; Cục Cảnh sát quản lý trại giam", [
        "Cục Kiểm tra văn bản QPPL", "Cục Cảnh sát quản lý trại giam"]),
    # a body that is one with its place word after a name is another body (vbpl:doc_000190)
    ("Phòng Quản lý xuất nhập cảnh Công an tỉnh, thành phố", ["Phòng Quản lý xuất nhập cảnh"]),
    ("Phòng Cảnh sát giao thông Công an tỉnh Lạng Sơn", [
        "Phòng Cảnh sát giao thông", "Công an tỉnh Lạng Sơn"]),
    ("Cục Thuế tỉnh Lạng Sơn", ["Cục Thuế tỉnh Lạng Sơn"]),
])
def test_where_a_unit_name_ends(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a head that ends an ordinary word is none (vbpl:doc_000080, tnt:5a80)
    ("C. BỐ CỤC NỘI DUNG BIỆN PHÁP PHÒNG NGỪA", []),
    ("Bố cục nội dung gồm ba phần", []),
    ("- Cổng TT Điện tử tỉnh;\n- TT Phục vụ hành chính công tỉnh;", ["TT Phục vụ hành chính công tỉnh"]),
    ("- Cổng TT\nĐiện tử tỉnh;", []),
])
def test_a_head_inside_an_ordinary_word_is_no_body(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a person after a province's or a district's word is no place (tnt:d2c5)
    ("Kết luận của Chủ tịch UBND tỉnh Trần Duy Đông tại Phiên họp", ["UBND tỉnh"]),
    ("Chủ tịch UBND huyện Nguyễn Văn Bình ký", ["UBND huyện"]),
    ("UBND tỉnh Lạng Sơn, UBND thành phố Hà Nội", ["UBND tỉnh Lạng Sơn", "UBND thành phố Hà Nội"]),
    # a commune the pre-2025 gazetteer does not know is kept (named in 2025)
    ("UBND xã Khuổi Pảo Nà báo cáo", ["UBND xã Khuổi Pảo Nà"]),
])
def test_a_place_after_a_place_word(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # "&" for the "và" of a listed name (meta-dev vbpl:doc_000749)
    ("Theo đề nghị của Vụ trưởng Vụ Khoa học công nghệ, môi trường & Vật liệu xây dựng và Cục trưởng"
     " Cục Đường sắt Việt Nam;",
     [("Vụ Khoa học công nghệ, môi trường & Vật liệu xây dựng",
       "Vụ Khoa học công nghệ, môi trường và Vật liệu xây dựng"),
      ("Cục Đường sắt Việt Nam", "Cục Đường sắt Việt Nam")]),
    ("Vụ Khoa học công nghệ, môi trường &\nVật liệu xây dựng báo cáo",
     [("Vụ Khoa học công nghệ, môi trường & Vật liệu xây dựng",
       "Vụ Khoa học công nghệ, môi trường và Vật liệu xây dựng")]),
    ("Cục Chăn nuôi & Thú y, Cục Trồng trọt và Bảo vệ thực vật",
     [("Cục Chăn nuôi & Thú y", "Cục Chăn nuôi và Thú y"),
      ("Cục Trồng trọt và Bảo vệ thực vật", "Cục Trồng trọt và Bảo vệ thực vật")]),
    # a company's forms before its name open the name (tnt:416ea29602e7fef9)
    ("Kính gửi:\n- Công ty BOT TNHH Điện lực Jaks Hải Dương.\n(Địa chỉ",
     [("Công ty BOT TNHH Điện lực Jaks Hải Dương", "Công ty BOT TNHH Điện lực Jaks Hải Dương")]),
    ("Công ty BOT TNHH\nĐiện lực Jaks Hải Dương báo cáo",
     [("Công ty BOT TNHH Điện lực Jaks Hải Dương", "Công ty BOT TNHH Điện lực Jaks Hải Dương")]),
    ("CÔNG TY BOT TNHH ĐIỆN LỰC JAKS", [("CÔNG TY BOT TNHH ĐIỆN LỰC JAKS", "Công ty Bot tnhh điện lực jaks")]),
    # forms with no name after them are the name, and a comma still parts two companies
    ("Công ty BOT thu phí", [("Công ty BOT", "Công ty BOT")]),
    ("Công ty BOT, Công ty TNHH", [("Công ty BOT", "Công ty BOT"), ("Công ty TNHH", "Công ty TNHH")]),
])
def test_a_name_as_written_and_as_listed(sentence, expected):
    assert [(o.name, o.canonical) for o in orgs.organizations(normalize(sentence).text)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # lower-case words after a comma that end in a name ending go on a unit's name
    # (meta-dev vbpl:doc_000151, 000347)
    ("Giám đốc Trung tâm Thông tin, dữ liệu nghiệp vụ Bộ Công an, Giám đốc Trung tâm Tiếp nhận, xử lý"
     " thông tin nghiệp vụ, Trưởng phòng Tin học",
     ["Trung tâm Thông tin, dữ liệu nghiệp vụ", "Bộ Công an", "Trung tâm Tiếp nhận, xử lý thông tin nghiệp vụ"]),
    ("Ban Tổ chức Trung ương\n\nCục Đào tạo, bồi dưỡng cán bộ (Phòng Hợp tác",
     ["Ban Tổ chức Trung ương", "Cục Đào tạo, bồi dưỡng cán bộ", "Phòng Hợp tác"]),
    ("Trung tâm Tiếp nhận,\nxử lý thông tin nghiệp vụ báo cáo", ["Trung tâm Tiếp nhận, xử lý thông tin nghiệp vụ"]),
    ("CỤC ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ", ["CỤC ĐÀO TẠO"]),
    # a comma between two bodies, a place or words that end in no name ending
    ("phối hợp với Cục Đào tạo, Cục Đối ngoại", ["Cục Đào tạo", "Cục Đối ngoại"]),
    ("Trung tâm Tin học, phòng Tài chính", ["Trung tâm Tin học"]),
    ("Trung tâm Tin học, Phòng Tài chính - Kế hoạch", ["Trung tâm Tin học", "Phòng Tài chính - Kế hoạch"]),
    ("Sở Tài chính, Sở Xây dựng, sở ngành", ["Sở Tài chính", "Sở Xây dựng"]),
    ("Cục Cảnh sát quản lý tạm giữ, tạm giam và thi hành án", ["Cục Cảnh sát quản lý tạm giữ"]),
    ("Trung tâm Phục vụ hành chính công tỉnh, trên Cổng", ["Trung tâm Phục vụ hành chính công tỉnh"]),
    ("Cục Hải quan, thuế tỉnh", ["Cục Hải quan"]),
    ("Cục Hóa chất, thẩm định hồ sơ", ["Cục Hóa chất"]),
])
def test_a_name_goes_on_after_a_comma(sentence, expected):
    assert names(sentence) == expected
