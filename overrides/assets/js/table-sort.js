/* table-sort */
