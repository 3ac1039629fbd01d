"""Writes roster.xlsx and roster.csv: the sample after-sales centre's roster, as a trainer's
HR export would look (a title row, real Excel dates, a 班次 column kaohe keeps as a field).
Written with openpyxl (an independent xlsx writer) so the import is tested against a file kaohe
did not write. Run: python make_roster.py (needs openpyxl)."""
import csv
import datetime
from pathlib import Path

import openpyxl

HEADER = ["工号", "姓名", "岗位", "业务线", "班组", "入职日期", "直属主管", "师傅", "状态", "班次"]
PEOPLE = [
    ["E1007", "赵磊", "组长", "售后", "售后一组", "2019-08-12", "", "", "在职", "早班"],
    ["E1003", "张敏", "资深客服", "售后", "售后一组", "2020-05-18", "E1007", "", "在职", "早班"],
    ["E1001", "李娜", "一线客服", "售后", "售后一组", "2024-03-11", "E1007", "E1003", "在职", "早班"],
    ["E1002", "王伟", "一线客服", "售后", "售后一组", "2023-07-03", "赵磊", "E1003", "在职", "晚班"],
    ["E1004", "刘洋", "一线客服", "售后", "售后二组", "2025-02-24", "E1007", "E1003", "在职", "晚班"],
    ["E1005", "陈静", "一线客服", "售后", "售后二组", "2024-09-02", "E1007", "", "在职", "早班"],
    ["E1006", "杨帆", "一线客服", "售后", "售后二组", "2023-11-20", "E1007", "", "离职", "晚班"],
]

here = Path(__file__).parent
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "人员"
ws.append(["云帆电器售后服务中心 人员名册（2026年12月）"])
ws.append(HEADER)
for row in PEOPLE:
    cells = list(row)
    cells[5] = datetime.date.fromisoformat(row[5])
    ws.append(cells)
    ws.cell(row=ws.max_row, column=6).number_format = "yyyy/m/d"
wb.save(here / "roster.xlsx")

with open(here / "roster.csv", "w", encoding="utf-8-sig", newline="") as f:
    w = csv.writer(f)
    w.writerow(HEADER)
    w.writerows(PEOPLE)
