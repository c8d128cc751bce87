# /report: open data — meetings, questions, plans, progress (services/open_data.py).
open-data-button = 🗂 Open data (CSV, XLSX)
open-data-caption-zip = Open data, CSV files (UTF-8) · { $period }
open-data-caption-xlsx = Open data, Excel workbook · { $period }
open-data-table-meetings = meetings
open-data-table-questions = questions
open-data-table-plans = plans
open-data-table-progress = progress
